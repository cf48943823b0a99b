/**
 * The remote-media policy: which image and document URLs of a chat request may be downloaded, how many, how large and
 * how long. Every download passes {@link checkMediaUrl}, on the first URL and on every redirect hop; the same address
 * classifier ({@link isPublicAddress}) checks the address actually connected to in `createMediaFetch()` of
 * `bedrock-fetch/node`, where DNS can be seen. Without that fetch (browsers, Workers, Deno) a public name that
 * resolves to a private address cannot be told apart here: serve untrusted URLs through the Node fetch, or keep them
 * off private networks.
 */
import { ConfigurationError } from "../errors";

/** What a chat request may download from `image_url.url` and `file.file_data` http(s) URLs. */
export interface MediaPolicy {
  /**
   * Hosts trusted although private or loopback, as `"host"` or `"host:port"` (a test server, an internal CDN), e.g.
   * `["127.0.0.1:8080", "media.corp.example"]`. IPv6 hosts in brackets: `"[::1]:8080"`. @defaultValue `[]`
   */
  allowHosts?: readonly string[] | undefined;
  /** Trust every address, private networks included: only where every URL comes from a trusted party. @defaultValue false */
  allowPrivateNetwork?: boolean | undefined;
  /**
   * Remote images and documents per request; more is refused before any download. @defaultValue 25: Bedrock's own
   * limits, 20 images and 5 documents per message (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html)
   */
  maxItems?: number | undefined;
  /**
   * Bytes per downloaded item, counted as they arrive. @defaultValue 4718592 (4.5 MiB): Converse takes documents up to
   * 4.5 MB and images up to 3.75 MB (same page)
   */
  maxItemBytes?: number | undefined;
  /** Bytes of all downloads of one request together. @defaultValue 33554432 (32 MiB) */
  maxTotalBytes?: number | undefined;
  /** Downloads at once per request. @defaultValue 4 */
  concurrency?: number | undefined;
  /** Redirects followed by hand, each hop checked again; 0 refuses any. @defaultValue 3 */
  maxRedirects?: number | undefined;
  /** Milliseconds per download; the call's own deadline (`totalTimeout`) applies too. @defaultValue 30000 */
  timeout?: number | undefined;
  /**
   * Plain-text documents (txt, csv, md, html) from URLs. @defaultValue false: only media recognised by their bytes
   * (PNG, JPEG, GIF, WebP, PDF, DOCX, XLSX, DOC, XLS), so an internal text page cannot become a document
   */
  allowText?: boolean | undefined;
  /**
   * The fetch used for downloads. On Node, `createMediaFetch()` from `bedrock-fetch/node` also checks the address
   * actually connected to (DNS rebinding). @defaultValue the client's `fetch`
   */
  fetch?: typeof globalThis.fetch | undefined;
}

/** A policy with every limit filled in. */
export interface ResolvedMediaPolicy {
  readonly allowHosts: readonly string[];
  readonly allowPrivateNetwork: boolean;
  readonly maxItems: number;
  readonly maxItemBytes: number;
  readonly maxTotalBytes: number;
  readonly concurrency: number;
  readonly maxRedirects: number;
  readonly timeout: number;
  readonly allowText: boolean;
  readonly fetch: typeof globalThis.fetch | undefined;
}

const MIB = 1024 * 1024;
// The defaults, which also give each field's kind (a field without one is the fetch).
const DEFAULTS: Record<string, unknown> = {
  maxItems: 25, maxItemBytes: 4.5 * MIB, maxTotalBytes: 32 * MIB, concurrency: 4, maxRedirects: 3, timeout: 30_000,
  allowHosts: [], allowPrivateNetwork: false, allowText: false,
};

/**
 * Merges `layers` (later ones win; undefined fields do not override) and fills in the defaults.
 *
 * @throws ConfigurationError naming `media.<field>` for a value of the wrong kind.
 */
export function resolveMediaPolicy(...layers: Array<MediaPolicy | undefined>): ResolvedMediaPolicy {
  const p: Record<string, unknown> = { ...DEFAULTS };
  for (const layer of layers) {
    if (layer !== undefined && (typeof layer !== "object" || !layer)) throw new ConfigurationError("media", "`media` must be an object.");
    for (const [k, v] of Object.entries(layer ?? {})) if (v !== undefined) p[k] = v;
  }
  for (const [k, v] of Object.entries(p)) {
    const d = DEFAULTS[k];
    const kind = typeof d === "number" ? "number" : Array.isArray(d) ? "list" : d === undefined ? k === "fetch" && "function" : "boolean";
    const ok = kind === "number" ? Number.isSafeInteger(v) && (v as number) >= (k === "maxRedirects" ? 0 : 1) : kind === "list" ? Array.isArray(v) : !kind || typeof v === kind;
    if (!ok) throw bad(k, kind === "number" ? "a whole number above 0" : kind === "list" ? 'a list of "host" or "host:port"' : `a ${kind}`);
  }
  // Each trusted host in the URL parser's spelling (lower case, IPv4 normalised), without a trailing dot.
  p.allowHosts = (p.allowHosts as unknown[]).map((entry) => {
    const [, host, port] = /^(.*?)(:\d+)?$/.exec(String(entry))!;
    try {
      if (typeof entry !== "string" || !host) throw 0;
      return new URL(`http://${host}`).hostname.replace(/\.$/, "") + (port ?? "");
    } catch {
      throw bad("allowHosts", 'a list of "host" or "host:port" ("[::1]:8080" for IPv6)');
    }
  });
  return p as unknown as ResolvedMediaPolicy;
}

const bad = (k: string, what: string) => new ConfigurationError(`media.${k}`, `\`media.${k}\` must be ${what}.`);

// ---------------------------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------------------------

/**
 * A host as the WHATWG URL parser writes it → the bytes of its address, or undefined for a name. The parser leaves
 * IPv4 only as a dotted quad (whatever the spelling) and IPv6 only in brackets, compressed, without a dotted tail.
 */
function addressOf(host: string): number[] | undefined {
  if (/^[\d.]+$/.test(host)) return host.split(".").map(Number);
  if (!host.includes(":")) return undefined;
  const [head, tail] = host.replace(/[[\]]/g, "").split("::").map((h) => (h ? h.split(":") : []));
  const groups = tail ? [...head!, ...Array<string>(8 - head!.length - tail.length).fill("0"), ...tail] : head!;
  return groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]);
}

type Prefix = readonly [bytes: number[], bits: number];
const table = (text: string): Prefix[] =>
  text.split(" ").map((e) => {
    const [address, bits] = e.split("/");
    return [addressOf(address!)!, Number(bits)];
  });
const within = (prefixes: Prefix[], b: number[]): boolean =>
  prefixes.some(([p, bits]) => {
    for (let i = 0; i < bits; i++) if (((p[i >> 3]! ^ b[i >> 3]!) >> (7 - (i & 7))) & 1) return false;
    return true;
  });

// IPv4 ranges that are not globally reachable, after the IANA IPv4 Special-Purpose Address Registry
// (https://www.iana.org/assignments/iana-ipv4-special-registry/): this network, private (RFC 1918), shared CGNAT
// space (RFC 6598; Alibaba Cloud's metadata service is 100.100.100.200), loopback, link-local (the EC2, Azure and GCP
// metadata service at 169.254.169.254, ECS task credentials at 169.254.170.2), IETF protocol assignments,
// documentation, the deprecated 6to4 relay anycast, benchmarking, multicast and reserved (with the broadcast address).
const V4_REFUSED = /* @__PURE__ */ table(
  "0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 169.254.0.0/16 172.16.0.0/12 192.0.0.0/24 192.0.2.0/24 " +
    "192.88.99.0/24 192.168.0.0/16 198.18.0.0/15 198.51.100.0/24 203.0.113.0/24 224.0.0.0/4 240.0.0.0/4"
);
// IPv6 with an IPv4 address in its last 32 bits (https://www.iana.org/assignments/iana-ipv6-special-registry/):
// IPv4-compatible (also :: and ::1), IPv4-mapped, IPv4-translated (RFC 2765) and the NAT64 well-known prefix (RFC 6052).
const V6_EMBEDS_V4 = /* @__PURE__ */ table("::/96 ::ffff:0:0/96 ::ffff:0:0:0/96 64:ff9b::/96");
// Only global unicast (2000::/3) is public; within it, the IETF protocol assignments (Teredo, benchmarking, ORCHID),
// and the documentation prefixes (RFC 3849, RFC 9637) are not. Unique-local fc00::/7 (AWS's IMDS at fd00:ec2::254),
// link-local fe80::/10, multicast ff00::/8, the local-use NAT64 prefix 64:ff9b:1::/48 lie outside 2000::/3.
const V6_PUBLIC = /* @__PURE__ */ table("2000::/3");
const V6_REFUSED = /* @__PURE__ */ table("2001::/23 2001:db8::/32 3fff::/20");

/** Whether bytes of an IPv4 (4) or IPv6 (16) address are a public unicast address. */
function publicBytes(b: number[]): boolean {
  if (b.length === 4) return !within(V4_REFUSED, b);
  if (within(V6_EMBEDS_V4, b)) return publicBytes(b.slice(12));
  // 6to4 (RFC 3056): 2002:AABB:CCDD::/48 routes to the IPv4 address AA.BB.CC.DD.
  if (b[0] === 0x20 && b[1] === 2) return publicBytes(b.slice(2, 6));
  return within(V6_PUBLIC, b) && !within(V6_REFUSED, b);
}

/**
 * Whether `ip` (an IPv4 dotted quad, or an IPv6 address with or without brackets) is a public unicast address; false
 * for private, loopback, link-local, unique-local, multicast, unspecified, shared, reserved and documentation
 * addresses, and for IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64, 6to4) that are any of those. Not an
 * address at all: false.
 */
export function isPublicAddress(ip: string): boolean {
  try {
    const b = addressOf(new URL(`http://${ip.includes(":") ? `[${ip.replace(/%.*/, "")}]` : ip}`).hostname);
    return b !== undefined && publicBytes(b);
  } catch {
    return false;
  }
}

// Names that resolve only inside a network: localhost (RFC 6761), mDNS .local (RFC 6762), .internal (reserved for
// private use by ICANN in 2024; GCP's metadata.google.internal, EC2's *.ec2.internal), .home.arpa (RFC 8375), and the
// common private suffixes .lan, .intranet, .localdomain. A name without a dot is refused too: resolvers complete it
// with the local search domains.
const PRIVATE_NAME = /(^[^.]*|\.(localhost|local|internal|home\.arpa|lan|intranet|localdomain))$/;

/** Whether `url` names a host that `policy` trusts (`allowHosts`, or `allowPrivateNetwork`). */
export function isTrustedHost(url: URL, policy: Pick<ResolvedMediaPolicy, "allowHosts" | "allowPrivateNetwork">): boolean {
  const host = url.hostname.replace(/\.$/, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return policy.allowPrivateNetwork || policy.allowHosts.includes(host) || policy.allowHosts.includes(`${host}:${port}`);
}

/**
 * `url` as shown in messages: scheme, host and path, at most 200 characters; never its user name or password, query or
 * fragment (a presigned link's signature).
 */
export function shownUrl(u: URL): string {
  const text = `${u.protocol}//${u.host}${u.pathname}`;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Parses `url` (relative to `base`, for a redirect's Location) and checks it against `policy`: http or https, no user
 * name or password, and a public host unless trusted. IPv4 in any spelling (`2130706433`, `0177.0.0.1`, `0x7f.1`,
 * `127.1`, full-width digits) is normalised by the WHATWG URL parser first, then classified.
 *
 * @throws ConfigurationError with code `MediaRefused` naming `field` and how to allow the URL.
 */
export function checkMediaUrl(url: string, policy: ResolvedMediaPolicy, field: string, base?: URL): URL {
  let parsed: URL | undefined;
  const refuse = (why: string): never => {
    throw new ConfigurationError(field, `\`${field}\`: ${parsed ? shownUrl(parsed) : "the URL"} is ${why}`, { code: "MediaRefused" });
  };
  try {
    parsed = new URL(url, base);
  } catch {
    return refuse("not a valid URL.");
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) refuse("refused: only http(s) URLs without a user name or password are downloaded.");
  const host = parsed.hostname.replace(/\.$/, "");
  const ip = addressOf(host);
  if (!isTrustedHost(parsed, policy) && (ip ? !publicBytes(ip) : PRIVATE_NAME.test(host))) {
    refuse("refused: a private, loopback or reserved host. Trust it with `media.allowHosts`, or send a data: URL.");
  }
  return parsed;
}

/**
 * A fetch for remote media on Node that checks the address it actually connects to: the host name is resolved in
 * the connection's own `lookup` hook, and when any resolved address is not public (loopback, private, link-local,
 * metadata, …, by the classifier of the media policy) the connection is refused before it is made. A name that
 * resolves to a public address for the URL check and to 127.0.0.1 for the connection (DNS rebinding) therefore gets
 * nowhere. GET only; redirects are returned as they are (the media layer follows them by hand, checking each hop).
 */
import { lookup as dnsLookup } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress, isTrustedHost, resolveMediaPolicy } from "../openai/media-policy";
import type { MediaPolicy } from "../openai/media-policy";

/** One resolved address, as `dns.lookup` with `all: true` gives it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address, as `dns.lookup(hostname, { all: true }, callback)` does. */
export type MediaLookup = (
  hostname: string,
  options: { all: true; family?: number | undefined },
  callback: (error: Error | null, addresses: ResolvedAddress[]) => void,
) => void;

/** Options of {@link createMediaFetch}: the hosts the media policy trusts, and the resolver. */
export interface MediaFetchOptions extends Pick<MediaPolicy, "allowHosts" | "allowPrivateNetwork"> {
  /** The resolver (tests map names to chosen addresses). @defaultValue `dns.lookup` */
  lookup?: MediaLookup | undefined;
}

type NodeLookupCallback = (error: Error | null, address: string | ResolvedAddress[], family?: number) => void;

/** The error for a host that resolves (or is) an address not allowed. */
function refusedAddress(host: string, address: string): Error {
  return Object.assign(new Error(`${host} resolves to ${address}, which is not a public address; media is not downloaded from it (trust the host with allowHosts).`), {
    code: "EMEDIAREFUSED",
  });
}

/**
 * A `lookup` for `node:http` that resolves every address of a name with `resolve` and, unless `trusted`, fails with
 * code `EMEDIAREFUSED` when any of them is not public, so the connection is never made. Answers both the one-address
 * form and the `all: true` form (Node 20's `autoSelectFamily` asks for every address). @internal
 */
export function guardedLookup(resolve: MediaLookup, trusted: boolean): LookupFunction {
  return (hostname, o, callback: NodeLookupCallback) => {
    resolve(hostname, { all: true, family: typeof o.family === "number" && o.family !== 0 ? o.family : undefined }, (error, addresses) => {
      if (error) return callback(error, o.all ? [] : "");
      const bad = trusted ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad || addresses.length === 0) {
        return callback(bad ? refusedAddress(hostname, bad.address) : Object.assign(new Error(`${hostname} has no address.`), { code: "ENOTFOUND" }), o.all ? [] : "");
      }
      if (o.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** The incoming response as a web stream, read only as fast as it is consumed. */
function webBody(res: IncomingMessage, onEnd: () => void): ReadableStream<Uint8Array> {
  let settled = false;
  const settle = (action: () => void) => {
    if (settled) return;
    settled = true;
    onEnd();
    action();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      res.pause();
      res.on("data", (chunk: Uint8Array) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) res.pause();
      });
      res.once("end", () => settle(() => controller.close()));
      res.once("error", (error) => settle(() => controller.error(error)));
      // A connection closed before the end of the body, without an error event on this Node version.
      res.once("close", () => settle(() => (res.complete ? controller.close() : controller.error(new Error("The connection closed before the end of the body.")))));
    },
    pull() {
      res.resume();
    },
    cancel() {
      settle(() => res.destroy());
    },
  });
}

/**
 * A fetch-compatible function for `media.fetch` that refuses to connect to non-public addresses, whatever the
 * URL's host name resolves to, unless the host is trusted by `allowHosts` (same spelling as the media policy's) or
 * `allowPrivateNetwork`: give it the same trusted hosts as the policy. Honours `signal`; streams the body with
 * backpressure; never follows redirects.
 *
 * @example
 * ```ts
 * import { createBedrock } from "bedrock-fetch";
 * import { createMediaFetch } from "bedrock-fetch/node";
 * const trusted = { allowHosts: ["media.corp.example"] };
 * const bedrock = createBedrock({ region: "us-east-1", media: { ...trusted, fetch: createMediaFetch(trusted) } });
 * ```
 */
export function createMediaFetch(options: MediaFetchOptions = {}): typeof globalThis.fetch {
  const policy = resolveMediaPolicy({ allowHosts: options.allowHosts, allowPrivateNetwork: options.allowPrivateNetwork });
  const resolve: MediaLookup = options.lookup ?? ((hostname, o, callback) => dnsLookup(hostname, o, callback));
  return (input, init = {}) =>
    new Promise<Response>((fulfil, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = (init.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
      if (method !== "GET") return reject(new TypeError(`createMediaFetch sends GET requests only, not ${method}.`));
      if (url.protocol !== "http:" && url.protocol !== "https:") return reject(new TypeError(`createMediaFetch fetches http and https URLs only, not ${url.protocol}`));
      const trusted = isTrustedHost(url, policy);
      const host = url.hostname.replace(/^\[|\]$/g, "");
      // An IP literal is connected to without any lookup: check it here.
      if (!trusted && isIP(host) && !isPublicAddress(host)) return reject(refusedAddress(host, host));
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);

      const lookup = guardedLookup(resolve, trusted);
      const headers: Record<string, string> = {};
      new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((value, key) => {
        headers[key] = value;
      });
      let pending = true;
      const onAbort = () => {
        req.destroy(signal!.reason instanceof Error ? signal!.reason : new Error("aborted"));
        if (pending) reject(signal!.reason);
      };
      const detach = () => signal?.removeEventListener("abort", onAbort);
      // agent: false: a fresh connection each time, never a pooled socket that another lookup opened.
      const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { method, headers, lookup, agent: false }, (res) => {
        pending = false;
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) {
          res.destroy();
          detach();
          return reject(new TypeError(`Unexpected HTTP status ${status}.`));
        }
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          try {
            responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          } catch {
            // A header the web Headers class refuses is left out.
          }
        }
        const empty = status === 204 || status === 205 || status === 304;
        if (empty) {
          res.resume();
          detach();
        }
        fulfil(new Response(empty ? null : webBody(res, detach), { status, statusText: res.statusMessage ?? "", headers: responseHeaders }));
      });
      req.once("error", (error) => {
        detach();
        if (pending) reject(error);
        pending = false;
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      req.end();
    });
}

/**
 * Endpoint resolution for Bedrock Runtime, following the service's endpoint rule set (botocore
 * `data/bedrock-runtime/2023-09-30/endpoint-rule-set-1.json`; the rules language is described at
 * https://smithy.io/2.0/additional-specs/rules-engine/index.html). The rule set reduces to: a custom endpoint is used
 * as is (and excludes FIPS and dual-stack); otherwise the host is `bedrock-runtime[-fips].{region}.{suffix}` where the
 * suffix comes from the region's partition, the dual-stack one when requested.
 *
 * Partition data (name, region pattern, DNS suffixes) is from the AWS partitions file
 * (`partitions.json` in botocore and the AWS SDKs), kept here as a compact table rather than bundled as JSON.
 */
import { ConfigurationError } from "../errors";

interface Partition {
  /** Region-name pattern, from partitions.json `regionRegex`. */
  readonly pattern: RegExp;
  readonly dnsSuffix: string;
  readonly dualStackDnsSuffix: string;
}

// Every partition currently reports supportsFIPS and supportsDualStack as true, so those flags are not stored.
const PARTITIONS: Record<string, Partition> = {
  aws: { pattern: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" },
  "aws-cn": { pattern: /^cn-\w+-\d+$/, dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn" },
  "aws-us-gov": { pattern: /^us-gov-\w+-\d+$/, dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" },
  "aws-iso": { pattern: /^us-iso-\w+-\d+$/, dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov" },
  "aws-iso-b": { pattern: /^us-isob-\w+-\d+$/, dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud" },
  "aws-iso-e": { pattern: /^eu-isoe-\w+-\d+$/, dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk" },
  "aws-iso-f": { pattern: /^us-isof-\w+-\d+$/, dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov" },
  "aws-eusc": { pattern: /^eusc-(de)-\w+-\d+$/, dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu" },
};

// Pseudo-regions listed by name in partitions.json (`aws-global`, `aws-cn-global`, ...) belong to their partition
// even though they do not match its pattern.
const GLOBAL_REGION = /^(aws(?:-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f)?)-global$/;

// A region becomes a DNS label, so anything else would let a config value rewrite the host.
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Finds a region's partition the way `aws.partition` does: by name, then by pattern, else the `aws` partition. */
export function partitionOf(region: string): { name: string } & Partition {
  const global = GLOBAL_REGION.exec(region);
  if (global) return { name: global[1]!, ...PARTITIONS[global[1]!]! };
  for (const name in PARTITIONS) {
    const p = PARTITIONS[name]!;
    if (p.pattern.test(region)) return { name, ...p };
  }
  return { name: "aws", ...PARTITIONS.aws! };
}

export interface EndpointParams {
  region?: string | undefined;
  /** A custom endpoint URL (an emulator, a VPC endpoint, a proxy). */
  endpoint?: string | URL | undefined;
  useFipsEndpoint?: boolean | undefined;
  useDualstackEndpoint?: boolean | undefined;
}

/**
 * The base URL (no trailing slash) that operation paths are appended to.
 *
 * @throws ConfigurationError when the combination is invalid (the rule set's own messages), the region is missing
 * or not a DNS label, or a custom endpoint is not an absolute http(s) URL. Plain `http:` is accepted only for
 * loopback hosts (a local emulator), because a bearer key would otherwise cross the network in clear text.
 */
export function resolveEndpoint(params: EndpointParams): string {
  const fips = params.useFipsEndpoint === true;
  const dualStack = params.useDualstackEndpoint === true;
  if (params.endpoint !== undefined) {
    if (fips) throw new ConfigurationError("endpoint", "Invalid Configuration: FIPS and custom endpoint are not supported");
    if (dualStack) {
      throw new ConfigurationError("endpoint", "Invalid Configuration: Dualstack and custom endpoint are not supported");
    }
    return customEndpoint(params.endpoint);
  }
  const region = params.region;
  if (region === undefined || region === "") {
    throw new ConfigurationError(
      "region",
      "Invalid Configuration: Missing Region. Pass `region` to createBedrock() or set AWS_REGION.",
    );
  }
  if (!HOST_LABEL.test(region)) {
    throw new ConfigurationError("region", `Invalid Configuration: region ${JSON.stringify(region)} is not a valid region name.`);
  }
  const p = partitionOf(region);
  return `https://bedrock-runtime${fips ? "-fips" : ""}.${region}.${dualStack ? p.dualStackDnsSuffix : p.dnsSuffix}`;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function customEndpoint(endpoint: string | URL): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigurationError("endpoint", "`endpoint` must be an absolute URL such as https://example.com.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError("endpoint", `\`endpoint\` must use https: (got ${url.protocol}).`);
  }
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname) && !url.hostname.startsWith("127.")) {
    throw new ConfigurationError(
      "endpoint",
      "`endpoint` may use plain http: only on a loopback host (127.0.0.1, localhost, [::1]); use https: elsewhere.",
    );
  }
  if (url.username || url.password) {
    throw new ConfigurationError("endpoint", "`endpoint` must not contain user info; pass credentials or apiKey instead.");
  }
  if (url.search || url.hash) {
    throw new ConfigurationError("endpoint", "`endpoint` must not contain a query string or fragment.");
  }
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${path}`;
}

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

// [name, region-name prefix, DNS suffix, dual-stack DNS suffix] from partitions.json: a partition's `regionRegex` is
// `^<prefix>-\w+-\d+$`. Every partition currently reports supportsFIPS and supportsDualStack as true, so those flags
// are not stored. Pseudo-regions listed by name (`aws-global`, `aws-cn-global`, ...) belong to their partition even
// though they do not match its pattern (aws-eusc excepted, no `aws-eusc-global` is recognised).
const PARTITIONS: ReadonlyArray<readonly [name: string, prefix: string, dnsSuffix: string, dualStackDnsSuffix: string]> = [
  ["aws", "(us|eu|ap|sa|ca|me|af|il|mx)", "amazonaws.com", "api.aws"],
  ["aws-cn", "cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn"],
  ["aws-us-gov", "us-gov", "amazonaws.com", "api.aws"],
  ["aws-iso", "us-iso", "c2s.ic.gov", "api.aws.ic.gov"],
  ["aws-iso-b", "us-isob", "sc2s.sgov.gov", "api.aws.scloud"],
  ["aws-iso-e", "eu-isoe", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"],
  ["aws-iso-f", "us-isof", "csp.hci.ic.gov", "api.aws.hci.ic.gov"],
  ["aws-eusc", "eusc-(de)", "amazonaws.eu", "api.amazonwebservices.eu"],
];

/**
 * The `code` of the {@link ConfigurationError} for a missing region, so that the layers with their own names for
 * the setting (`aws_region_name`) can say so.
 */
export const MISSING_REGION = "MissingRegion";

// A region becomes a DNS label, so anything else would let a config value rewrite the host.
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Finds a region's partition the way `aws.partition` does: by name, then by pattern, else the `aws` partition. */
export function partitionOf(region: string): { name: string; dnsSuffix: string; dualStackDnsSuffix: string } {
  const [name, , dnsSuffix, dualStackDnsSuffix] = findPartition(region);
  return { name, dnsSuffix, dualStackDnsSuffix };
}

function findPartition(region: string): (typeof PARTITIONS)[number] {
  return (
    PARTITIONS.find(
      ([name, prefix]) =>
        (region === name + "-global" && name !== "aws-eusc") || new RegExp(`^${prefix}-\\w+-\\d+$`).test(region),
    ) ?? PARTITIONS[0]!
  );
}

export interface EndpointParams {
  region?: string | undefined;
  /** A custom endpoint URL (an emulator, a VPC endpoint, a proxy). */
  endpoint?: string | URL | undefined;
  useFipsEndpoint?: boolean | undefined;
  useDualstackEndpoint?: boolean | undefined;
  /** Accept a plain `http:` endpoint on any host, not only on loopback. */
  allowInsecureEndpoint?: boolean | undefined;
}

/**
 * The environment variable that allows plain-http endpoints on any host when `"true"` (the
 * `allowInsecureEndpoint` option), e.g. for an emulator in another container.
 */
export const ALLOW_INSECURE_ENV = "BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT";

/**
 * The base URL (no trailing slash) that operation paths are appended to.
 *
 * @throws ConfigurationError when the combination is invalid (the rule set's own messages), the region is missing
 * or not a DNS label, or a custom endpoint is not an absolute http(s) URL. Plain `http:` is accepted only for
 * loopback hosts (a local emulator), because a bearer key would otherwise cross the network in clear text, unless
 * `allowInsecureEndpoint` says the network is trusted (an emulator in another container).
 */
export function resolveEndpoint(params: EndpointParams): string {
  const fips = params.useFipsEndpoint === true;
  const dualStack = params.useDualstackEndpoint === true;
  if (params.endpoint !== undefined) {
    if (fips) throw new ConfigurationError("endpoint", "Invalid Configuration: FIPS and custom endpoint are not supported");
    if (dualStack) {
      throw new ConfigurationError("endpoint", "Invalid Configuration: Dualstack and custom endpoint are not supported");
    }
    return customEndpoint(params.endpoint, params.allowInsecureEndpoint === true);
  }
  const region = params.region;
  if (region === undefined || region === "") {
    throw new ConfigurationError(
      "region",
      "Invalid Configuration: Missing Region. Pass `region` to createBedrock() or set AWS_REGION.",
      { code: MISSING_REGION },
    );
  }
  if (!HOST_LABEL.test(region)) {
    throw new ConfigurationError("region", `Invalid Configuration: region ${JSON.stringify(region)} is not a valid region name.`);
  }
  return `https://bedrock-runtime${fips ? "-fips" : ""}.${region}.${findPartition(region)[dualStack ? 3 : 2]}`;
}

function customEndpoint(endpoint: string | URL, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigurationError("endpoint", "`endpoint` must be an absolute URL such as https://example.com.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (allowInsecure || isLoopback(url)))) {
    throw new ConfigurationError(
      "endpoint",
      `\`endpoint\` must use https: (got ${url.protocol}); plain http: only on a loopback host (127.0.0.1, localhost, [::1]), or elsewhere with \`allowInsecureEndpoint: true\` or ${ALLOW_INSECURE_ENV}=true.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationError(
      "endpoint",
      "`endpoint` must not contain user info (pass credentials or apiKey instead), a query string or a fragment.",
    );
  }
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * Whether a URL's host is this machine: `localhost`, `[::1]` or any 127/8 address. The URL parser writes every IPv4
 * literal as a dotted quad (`127.1` → `127.0.0.1`), so a DNS name such as `127.example.com` cannot pass for one.
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

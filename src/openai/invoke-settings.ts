/**
 * The Bedrock settings of chat params that Converse takes in its body (`guardrailConfig`, `performanceConfig`,
 * `serviceTier`, `requestMetadata`), for the `invoke/` route, where InvokeModel and InvokeModelWithResponseStream take
 * them as headers: `X-Amzn-Bedrock-GuardrailIdentifier`, `-GuardrailVersion`, `-Trace`,
 * `X-Amzn-Bedrock-PerformanceConfig-Latency`, `X-Amzn-Bedrock-Service-Tier` and `X-Amzn-Bedrock-Request-Metadata`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html). The Converse-only settings
 * have no InvokeModel form: they are refused rather than dropped unsaid.
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { ConfigurationError } from "../errors";
import { unsupported } from "../families/params";
import type { InvokeModelInput } from "../runtime/io-types";

type Settings = Pick<InvokeModelInput, "guardrailIdentifier" | "guardrailVersion" | "trace" | "performanceConfigLatency" | "serviceTier" | "requestMetadata">;

// Where each header's value is in the params. Bedrock checks the values (the service model's patterns and enums), as
// it does in a Converse body; here only their characters are, which keeps line breaks out of the headers. Converse
// writes the trace setting in lower case, InvokeModel's Trace enum is in upper case.
const HEADERS: ReadonlyArray<readonly [keyof Settings, string]> = [
  ["guardrailIdentifier", "guardrailConfig.guardrailIdentifier"],
  ["guardrailVersion", "guardrailConfig.guardrailVersion"],
  ["trace", "guardrailConfig.trace"],
  ["performanceConfigLatency", "performanceConfig.latency"],
  ["serviceTier", "serviceTier.type"],
];

/**
 * InvokeModel's header members for the settings in `params`.
 *
 * @throws ConfigurationError naming a value a header cannot carry, and (unless `drop_params`) `promptVariables`,
 *   `additionalModelResponseFieldPaths` and a streamed `guardrailConfig.streamProcessingMode: "async"`, which only
 *   Converse takes
 */
export function invokeSettings(params: ChatCompletionCreateParamsBase, stream: boolean): Settings {
  const out: Record<string, unknown> = {};
  for (const [member, path] of HEADERS) {
    const value = path.split(".").reduce<unknown>((o, key) => (o as Record<string, unknown> | null | undefined)?.[key], params);
    if (value == null) continue;
    if (typeof value !== "string" || !/^[\w.:/-]+$/.test(value)) {
      throw new ConfigurationError(path, `\`${path}\` must be a string of letters, digits and \`_.:/-\` (a header of InvokeModel).`);
    }
    out[member] = member === "trace" ? value.toUpperCase() : value;
  }
  if (params.requestMetadata != null) out.requestMetadata = params.requestMetadata;
  const converseOnly = [
    "promptVariables",
    "additionalModelResponseFieldPaths",
    stream && params.guardrailConfig?.streamProcessingMode === "async" && "guardrailConfig.streamProcessingMode",
  ];
  for (const name of converseOnly) {
    if (name && (name.includes(".") || params[name] != null)) {
      unsupported(name, "the `invoke/` route", params.drop_params === true, "Only Converse takes it: use the `converse/` route.");
    }
  }
  return out as Settings;
}

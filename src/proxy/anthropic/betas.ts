/**
 * The `anthropic-beta` header (https://docs.anthropic.com/en/api/beta-headers): comma-separated flags that turn on
 * beta features. Claude on Amazon Bedrock takes them as `anthropic_beta` in the InvokeModel body
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html),
 * but only the flags Bedrock serves; any other makes Bedrock refuse the whole request.
 *
 * What the proxy does: flags of {@link BEDROCK_BETAS} go to Claude; the others are dropped, and the answer's
 * `x-bedrock-fetch-dropped-betas` header lists them. Refusing would break clients such as Claude Code, which send
 * flags for Anthropic-hosted features (`claude-code-20250219`, `oauth-2025-04-20`, `files-api-2025-04-14`) with
 * every request. Models other than Claude (served over Converse) take no beta flags: all are dropped and listed.
 */

/**
 * Beta flags Claude on Bedrock accepts, as Bedrock's Claude documentation names them (computer use, token-efficient
 * tools, interleaved thinking, 128k output, 1M context, context management, effort, tool search and examples,
 * fine-grained tool streaming).
 */
export const BEDROCK_BETAS: ReadonlySet<string> = new Set([
  "computer-use-2024-10-22",
  "computer-use-2025-01-24",
  "computer-use-2025-11-24",
  "token-efficient-tools-2025-02-19",
  "interleaved-thinking-2025-05-14",
  "output-128k-2025-02-19",
  "dev-full-thinking-2025-05-14",
  "context-1m-2025-08-07",
  "context-management-2025-06-27",
  "effort-2025-11-24",
  "tool-search-tool-2025-10-19",
  "tool-examples-2025-10-29",
  "fine-grained-tool-streaming-2025-05-14",
]);

/** The response header that lists the beta flags the proxy did not pass on. */
export const DROPPED_BETAS_HEADER = "x-bedrock-fetch-dropped-betas";

/** The flags of every `anthropic-beta` header of a request, in order, without blanks. */
export function betaFlags(headers: Headers): string[] {
  const value = headers.get("anthropic-beta");
  return value === null ? [] : value.split(",").map((flag) => flag.trim()).filter((flag) => flag !== "");
}

/** Splits flags into those to send (each once) and those dropped; `claude` false drops them all. */
export function splitBetas(flags: readonly string[], claude: boolean): { send: string[]; dropped: string[] } {
  const send: string[] = [];
  const dropped: string[] = [];
  for (const flag of flags) {
    const list = claude && BEDROCK_BETAS.has(flag) ? send : dropped;
    if (!list.includes(flag)) list.push(flag);
  }
  return { send, dropped };
}

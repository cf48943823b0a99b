import type { Credentials } from "../sigv4/index";

/**
 * Shapes shared by the emulator's modules: its options, a recorded exchange for replay, and the normalized
 * prompt/generation that family modules translate from and to their native wire formats.
 */

import type { CorsOptions } from "./cors";

/**
 * Credentials the emulator accepts. With a `sessionToken`, requests must carry that exact `x-amz-security-token`;
 * past `expiration`, requests are refused with ExpiredTokenException as Bedrock does.
 */
export type EmulatorCredentials = Credentials;

/**
 * One recorded request/response pair, in the schema of the shared `exchanges/` folder
 * (`{ family, operation, modelId, request: { method, url, headers, body }, response: { status, headers, body | bodyBase64 } }`).
 */
export interface RecordedExchange {
  family?: string;
  operation: string;
  modelId: string | null;
  request: { method: string; url: string; headers?: Record<string, string>; body: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown; bodyBase64?: string };
  /** Where it came from (for messages); optional. */
  file?: string;
}

/** Options of {@link createEmulator}. Every field is optional: the defaults run the demo. */
export interface EmulatorOptions {
  /**
   * Key pairs accepted for SigV4: a list (searched on each request, so later additions count) or a store with
   * `lookup(accessKeyId)`, such as the STS test server's credential store.
   * @defaultValue `[{ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }]`
   */
  credentials?: readonly EmulatorCredentials[] | { lookup(accessKeyId: string): EmulatorCredentials | undefined };
  /** Bearer API keys accepted in `Authorization: Bearer <key>`. @defaultValue `[]` */
  apiKeys?: readonly string[];
  /** Called for a bearer key not in `apiKeys` (e.g. to check a short-term key); resolve `true` to accept it. */
  verifyApiKey?: (key: string) => boolean | Promise<boolean>;
  /** Check signatures and keys at all. Turn off to accept anything (e.g. replaying unsigned requests). @defaultValue true */
  verifyAuth?: boolean;
  /** The emulator's clock. @defaultValue `() => new Date()` */
  now?: () => Date;
  /** Faults applied to every request, in the syntax of {@link parseFaultSpec}. Combined with the per-request header. */
  faults?: string | readonly string[];
  /** Answer with these recordings instead of generating answers. Requests that match none get a 404. */
  replay?: readonly RecordedExchange[];
  /** Waits between stream frames when a `drip` fault is active; inject a fake one in tests. @defaultValue setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  /** Words that make a guardrail intervene (apply-guardrail, and converse with a `guardrailConfig`). @defaultValue `["blocked"]` */
  blockedWords?: readonly string[];
  /** Source of request ids. @defaultValue `crypto.randomUUID()` */
  requestId?: () => string;
  /**
   * Answer CORS preflights and add CORS headers for requests with an `Origin`, as Bedrock does, so pages on other
   * origins can call the emulator (see `cors.ts`). `false` turns it off. @defaultValue true (any origin)
   */
  cors?: boolean | CorsOptions;
  /**
   * Accept what Bedrock rejects. By default the emulator refuses requests as Bedrock does: members that break the
   * service model (types, ranges, lengths, enums, required members), unknown model ids and inference profiles,
   * native bodies that break their model's schema ("Malformed input request: … extraneous key [k] is not permitted"),
   * and Converse features the model lacks (tools, images, documents, video, system prompts, a forced tool choice).
   * With `lenient: true` it answers any well-formed JSON request for any id of a known provider, as it did before
   * these checks; tool choices and chat templates are understood either way. @defaultValue false
   */
  lenient?: boolean;
}

/** A tool offered to the model, normalized from any family's format. */
export interface ToolSpec {
  name: string;
  description: string;
  schema: unknown;
}

/** What a family module extracts from a native request body. */
export interface Prompt {
  /** Text of the last user turn (what the canned answer echoes). */
  lastUserText: string;
  /** All input text, for token counts. */
  allText: string;
  /** The last user turn carries a tool result rather than a question. */
  hasToolResult: boolean;
  tools: ToolSpec[];
  /** How the request lets the model use `tools`. @defaultValue `{ type: "auto" }` */
  toolChoice?: ToolChoice | undefined;
  /** A JSON Schema the answer's text must fit (Converse `outputConfig.textFormat`), if any. */
  responseSchema?: unknown;
  maxTokens: number | undefined;
  stopSequences: string[];
}

/**
 * The tool choice of a request, from any family's format: `auto` (the model decides), `any` (some tool must be
 * called), `tool` (that one must be called) or `none` (no tool call).
 */
export type ToolChoice = { type: "auto" } | { type: "any" } | { type: "tool"; name: string } | { type: "none" };

/** One tool call the emulator decided to make. */
export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** Why generation ended, before a family renames it. */
export type StopKind = "end" | "max_tokens" | "stop_sequence" | "tool_use" | "guardrail";

/** The model-independent answer a family renders in its own format. */
export interface Generation {
  text: string;
  /** `text` split into the pieces a stream sends, one per delta. */
  pieces: string[];
  toolCalls: ToolCall[];
  stop: StopKind;
  /** The stop sequence that ended generation, when `stop` is `stop_sequence`. */
  stopSequence: string | undefined;
  inputTokens: number;
  outputTokens: number;
  /** A stable id derived from the prompt. */
  id: string;
}

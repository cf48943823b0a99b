/**
 * Every chat template the library writes for a native text body is understood: the emulator's echo answers the last
 * user turn, not the raw template. The prompts are built by the library's own template functions (src/families/),
 * and end to end through `completion` with the `invoke/` route.
 */
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { anthropicTextPrompt } from "../../src/families/anthropic-text";
import { deepseekPrompt } from "../../src/families/deepseek";
import { llama2Prompt, llama3Prompt, llama4Prompt } from "../../src/families/llama";
import { mistralPrompt } from "../../src/families/mistral";
import { transcriptPrompt, type TextConversation } from "../../src/families/prompt";
import { createBedrock } from "../../src/index";
import { modelPath, signedPost, TEST_KEY } from "./helpers";

const emulator = createEmulator();

const CONVERSATION: TextConversation = {
  system: "Answer in one word.",
  turns: [
    { role: "user", text: "What is the capital of France?" },
    { role: "assistant", text: "Paris." },
    { role: "user", text: "And of Spain?" },
  ],
  prefill: false,
};
const ECHO = /^\s*Echo: And of Spain\. This answer comes from the bedrock-fetch emulator/;

// [template, model, native body, where the answer text is]
const CASES: [string, string, Record<string, unknown>, (answer: any) => string][] = [
  ["DeepSeek-R1", "us.deepseek.r1-v1:0", { prompt: deepseekPrompt(CONVERSATION), max_tokens: 300 }, (a) => a.choices[0].text.split("</think>\n\n")[1]],
  ["Llama 4", "us.meta.llama4-scout-17b-instruct-v1:0", { prompt: llama4Prompt(CONVERSATION), max_gen_len: 300 }, (a) => a.generation],
  ["Llama 3", "meta.llama3-8b-instruct-v1:0", { prompt: llama3Prompt(CONVERSATION), max_gen_len: 300 }, (a) => a.generation],
  ["Llama 2", "meta.llama2-13b-chat-v1", { prompt: llama2Prompt(CONVERSATION), max_gen_len: 300 }, (a) => a.generation],
  ["Mistral", "mistral.mistral-7b-instruct-v0:2", { prompt: mistralPrompt(CONVERSATION), max_tokens: 300 }, (a) => a.outputs[0].text],
  ["Claude text completion", "anthropic.claude-v2:1", {
    prompt: anthropicTextPrompt([{ role: "system", content: "Answer in one word." }, { role: "user", content: "What is the capital of France?" },
      { role: "assistant", content: "Paris." }, { role: "user", content: "And of Spain?" }]), max_tokens_to_sample: 300 }, (a) => a.completion],
  ["Titan (User/Bot)", "amazon.titan-text-express-v1", { inputText: transcriptPrompt(CONVERSATION, { user: "User", assistant: "Bot" }) }, (a) => a.results[0].outputText],
  ["Cohere Command (User/Chatbot)", "cohere.command-text-v14", { prompt: transcriptPrompt(CONVERSATION, { user: "User", assistant: "Chatbot" }) }, (a) => a.generations[0].text],
  ["AI21 Jurassic-2 (User/Assistant)", "ai21.j2-ultra-v1", { prompt: transcriptPrompt(CONVERSATION, { user: "User", assistant: "Assistant" }) }, (a) => a.completions[0].data.text],
];

describe("native chat templates", () => {
  for (const [name, model, body, textOf] of CASES) {
    it(`${name}: the echo answers the last user turn`, async () => {
      const res = await emulator(await signedPost(modelPath(model, "invoke"), body));
      expect(res.status).toBe(200);
      expect(textOf(await res.json())).toMatch(ECHO);
    });
  }

  it("DeepSeek-R1 reasons in the open think block, then answers", async () => {
    const res = await emulator(await signedPost(modelPath("us.deepseek.r1-v1:0", "invoke"), { prompt: deepseekPrompt(CONVERSATION), max_tokens: 300 }));
    const text = ((await res.json()) as { choices: { text: string }[] }).choices[0]!.text;
    expect(text).toMatch(/^The user wrote: And of Spain\?\n<\/think>\n\nEcho: And of Spain\./);
  });

  it("end to end: the library's DeepSeek and Llama 4 answers carry the echo of the last turn", async () => {
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => emulator(new Request(input, init))) as typeof globalThis.fetch;
    const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_KEY, fetch });
    const messages = [{ role: "system" as const, content: "Answer in one word." }, { role: "user" as const, content: "What is the capital of France?" },
      { role: "assistant" as const, content: "Paris." }, { role: "user" as const, content: "And of Spain?" }];
    const r1 = await bedrock.completion({ model: "bedrock/invoke/us.deepseek.r1-v1:0", messages });
    expect(r1.choices[0]!.message.content).toMatch(ECHO);
    expect((r1.choices[0]!.message as { reasoning_content?: string }).reasoning_content).toMatch(/And of Spain\?/);
    const llama = await bedrock.completion({ model: "bedrock/invoke/us.meta.llama4-maverick-17b-instruct-v1:0", messages });
    expect(llama.choices[0]!.message.content).toMatch(ECHO);
  });
});

/**
 * The modular OpenAI layer: `chatCompletion`, `createEmbeddings` and `generateImages` on a core client, with the
 * families and the remote-media downloader a call is given. Converse chat needs nothing; a model whose family was
 * not passed is a ConfigurationError naming the import to add, before any request; with the family it answers as
 * `createBedrock()` does. Against the emulator, in-process.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../../src/api/chat-types";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { ConfigurationError } from "../../src/errors";
import {
  anthropic,
  chatFamilies,
  cohereEmbeddings,
  embeddingFamilies,
  imageFamilies,
  llama,
  novaCanvas,
  stabilityImages,
  titanEmbeddings,
} from "../../src/families/index";
import { chatCompletion, createBedrock, createBedrockCore, createEmbeddings, generateImages, remoteMedia } from "../../src/index";
import { buildPng, createHarness, REGION, type Harness } from "./helpers";

let h: Harness;
beforeEach(async () => {
  h = await createHarness("in-process");
});
afterEach(async () => {
  await h.close();
});

const core = () => createBedrockCore({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, endpoint: h.endpoint, env: {} });
const HELLO = [{ role: "user" as const, content: "Hello from the modular layer" }];

async function configError(promise: Promise<unknown>): Promise<ConfigurationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("chatCompletion on a core client", () => {
  it("chats over Converse with no family, streamed and not, as createBedrock().completion does", async () => {
    const answer = await chatCompletion(core(), { model: "anthropic.claude-3-haiku-20240307-v1:0", messages: HELLO });
    expect(answer.object).toBe("chat.completion");
    expect(answer.choices[0]!.message.content).toMatch(/^Echo: Hello from the modular layer/);
    expect(answer.choices[0]!.finish_reason).toBe("stop");
    expect(h.requests[0]!.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");

    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await chatCompletion(core(), { model: "amazon.nova-micro-v1:0", messages: HELLO, stream: true })) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toMatch(/^Echo: Hello from the modular layer/);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");

    const reference = await createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, endpoint: h.endpoint, env: {} })
      .completion({ model: "anthropic.claude-3-haiku-20240307-v1:0", messages: HELLO });
    expect(answer.choices).toEqual(reference.choices);
    expect(answer.usage).toEqual(reference.usage);
  });

  it("an invoke/ model without its family names the import to add, before any request", async () => {
    const error = await configError(chatCompletion(core(), { model: "bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0", messages: HELLO }));
    expect(error.field).toBe("model");
    expect(error.message).toBe(
      '`bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0` needs the `anthropic` family: `import { anthropic } from "bedrock-fetch/families"` and pass `{ families: [anthropic] }` (or use the `converse/` route, which needs none).',
    );
    // Another family does not serve it either.
    const other = await configError(chatCompletion(core(), { model: "invoke/us.meta.llama3-2-1b-instruct-v1:0", messages: HELLO }, { families: [anthropic] }));
    expect(other.message).toContain("needs the `llama` family");
    expect(h.fetchCalls()).toBe(0);
  });

  it.each([
    ["invoke/anthropic.claude-3-haiku-20240307-v1:0", "messages"],
    ["invoke/anthropic.claude-v2:1", "text completion"],
  ])("with `anthropic` passed, %s uses its native body (%s), streamed and not", async (model, _kind) => {
    const answer = await chatCompletion(core(), { model, messages: HELLO, max_tokens: 100 }, { families: [anthropic] });
    expect(answer.choices[0]!.message.content).toMatch(/Echo: Hello from the modular layer/);
    expect(h.requests[0]!.path).toMatch(/\/invoke$/);
    let text = "";
    let finish: string | null = null;
    for await (const chunk of await chatCompletion(core(), { model, messages: HELLO, max_tokens: 100, stream: true }, { families: [anthropic] })) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toMatch(/Echo: Hello from the modular layer/);
    expect(finish).toBe("stop");
  });

  it("every native family is served when all are passed, as createBedrock() does", async () => {
    const answer = await chatCompletion(core(), { model: "invoke/meta.llama3-8b-instruct-v1:0", messages: HELLO }, { families: chatFamilies });
    expect(answer.choices[0]!.message.content).toMatch(/Echo: Hello from the modular layer/);
    const llamaOnly = await chatCompletion(core(), { model: "invoke/meta.llama3-8b-instruct-v1:0", messages: HELLO }, { families: [llama] });
    expect(llamaOnly.choices[0]!.message.content).toBe(answer.choices[0]!.message.content);
  });

  describe("remote media", () => {
    let media: Server;
    let host = "";
    const png = buildPng(2, 2);
    beforeAll(async () => {
      media = createServer((_req, res) => res.end(png));
      await new Promise<void>((resolve) => media.listen(0, "127.0.0.1", resolve));
      host = `127.0.0.1:${(media.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => media.close(resolve)));
    const withImage = () => [{ role: "user" as const, content: [{ type: "text" as const, text: "What is this?" }, { type: "image_url" as const, image_url: { url: `http://${host}/a.png` } }] }];

    it("a remote URL without the downloader is refused, naming the part and `remoteMedia`", async () => {
      const error = await configError(chatCompletion(core(), { model: "anthropic.claude-3-haiku-20240307-v1:0", messages: withImage() }));
      expect(error.field).toBe("messages[0].content[1].image_url.url");
      expect(error.message).toContain("pass `{ remoteMedia }` (from \"bedrock-fetch\") to `chatCompletion`, or send a data: URL");
      expect(h.fetchCalls()).toBe(0);
    });

    it("with `remoteMedia` and a policy that trusts the host, the image is downloaded", async () => {
      const answer = await chatCompletion(core(), { model: "anthropic.claude-3-haiku-20240307-v1:0", messages: withImage() }, {
        remoteMedia,
        media: { allowHosts: [host] },
      });
      expect(answer.choices[0]!.message.content).toMatch(/^Echo: What is this/);
      expect(h.requests[0]!.json.messages[0].content[1]).toMatchObject({ image: { format: "png" } });
    });
  });
});

describe("createEmbeddings and generateImages on a core client", () => {
  it("embeds with the Titan family only", async () => {
    const result = await createEmbeddings(core(), { model: "amazon.titan-embed-text-v2:0", input: ["one", "two"], dimensions: 256 }, { families: [titanEmbeddings] });
    expect(result.data.map((d) => d.index)).toEqual([0, 1]);
    expect(result.data[0]!.embedding).toHaveLength(256);
    const reference = await createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, endpoint: h.endpoint, env: {} })
      .embedding({ model: "amazon.titan-embed-text-v2:0", input: ["one", "two"], dimensions: 256 });
    expect(result).toEqual(reference);
  });

  it("a model of a family not passed names the import", async () => {
    const error = await configError(createEmbeddings(core(), { model: "cohere.embed-v4:0", input: "x" }, { families: [titanEmbeddings] }));
    expect(error.message).toContain('`import { cohereEmbeddings } from "bedrock-fetch/families"`');
    const none = await configError(createEmbeddings(core(), { model: "amazon.titan-embed-text-v2:0", input: "x" }));
    expect(none.message).toContain("needs the `titanEmbeddings` family");
    expect(h.fetchCalls()).toBe(0);
    const cohere = await createEmbeddings(core(), { model: "cohere.embed-v4:0", input: "x" }, { families: [cohereEmbeddings] });
    expect(cohere.data).toHaveLength(1);
  });

  it("generates an image with the family passed, and names the import when it is not", async () => {
    const images = await generateImages(core(), { model: "amazon.nova-canvas-v1:0", prompt: "a lighthouse", size: "512x512" }, { families: [novaCanvas] });
    expect(images.data).toHaveLength(1);
    expect(images.data[0]!.b64_json).toMatch(/^iVBORw0KGgo/);
    const error = await configError(generateImages(core(), { model: "stability.sd3-large-v1:0", prompt: "x" }, { families: [novaCanvas] }));
    expect(error.message).toContain('`import { stabilityImages } from "bedrock-fetch/families"`');
    const sd3 = await generateImages(core(), { model: "stability.sd3-large-v1:0", prompt: "x" }, { families: [stabilityImages] });
    expect(sd3.data).toHaveLength(1);
  });

  it("the lists of every family are what createBedrock() uses", () => {
    expect(embeddingFamilies.map((f) => f.name)).toEqual(["titanEmbeddings", "titanMultimodalEmbeddings", "cohereEmbeddings"]);
    expect(imageFamilies.map((f) => f.name)).toEqual(["stabilityImages", "titanImages", "novaCanvas"]);
    expect(chatFamilies.map((f) => f.name)).toEqual(["anthropic", "titanText", "nova", "ai21", "cohere", "llama", "mistral", "deepseek", "gptOss"]);
  });
});

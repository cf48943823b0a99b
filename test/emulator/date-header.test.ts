import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";

const NOW = new Date("2026-03-01T12:00:00Z");

describe("the emulator's Date header", () => {
  it("carries the emulator's clock, skewed by the skew fault, on success and error answers", async () => {
    const emulator = createEmulator({ now: () => NOW, verifyAuth: false });
    const ok = await emulator(new Request("http://127.0.0.1/model/amazon.titan-text-express-v1/invoke", { method: "POST", body: '{"inputText":"hi"}' }));
    expect(ok.headers.get("date")).toBe(NOW.toUTCString());
    const skewed = await emulator(
      new Request("http://127.0.0.1/model/nope/invoke", { method: "POST", body: "{}", headers: { "x-bedrock-fetch-fault": "skew:600" } }),
    );
    expect(skewed.status).toBeGreaterThanOrEqual(400);
    expect(skewed.headers.get("date")).toBe(new Date(NOW.getTime() + 600_000).toUTCString());
  });

  it("lets a client whose clock is 10 minutes slow recover: one skew retry, then signed with the corrected clock", async () => {
    const emulator = createEmulator({ now: () => NOW });
    const calls: number[] = [];
    const bedrock = createBedrock({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:1",
      credentials: TEST_CREDENTIALS,
      now: () => new Date(NOW.getTime() - 10 * 60_000),
      fetch: async (input, init) => {
        const response = await emulator(new Request(input, init));
        calls.push(response.status);
        return response;
      },
    });
    const answer = await bedrock.completion({ model: "amazon.titan-text-express-v1", messages: [{ role: "user", content: "Hello" }] });
    expect(answer.choices[0]?.message.content).toMatch(/^Echo: Hello/);
    expect(calls).toEqual([403, 200]);
    await bedrock.completion({ model: "amazon.titan-text-express-v1", messages: [{ role: "user", content: "Again" }] });
    expect(calls).toEqual([403, 200, 200]);
  });
});

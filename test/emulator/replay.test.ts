/**
 * Replay mode answers every recorded exchange with its recorded status and body (bytes for event streams).
 */
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { loadExchanges } from "../../src/node/exchanges";
import { exchangeIndex, exchangesDir, hasShared } from "../helpers/shared";
import { aws } from "./helpers";

describe.skipIf(!hasShared)("replay of the shared exchanges", () => {
  it("answers every exchange with its recorded status and body", async () => {
    const recorded = await loadExchanges(exchangesDir);
    expect(recorded.length).toBe(exchangeIndex().length);
    const emulator = createEmulator({ replay: recorded });
    let streams = 0;
    for (const e of recorded) {
      const url = new URL(e.request.url);
      const body = e.request.body === null ? "" : JSON.stringify(e.request.body);
      const req = await aws.sign(`https://bedrock-runtime.us-east-1.amazonaws.com${url.pathname}`, { method: e.request.method, body });
      const res = await emulator(req);
      expect(res.status, e.file).toBe(e.response.status);
      if (e.response.bodyBase64 !== undefined) {
        streams++;
        expect(res.headers.get("content-type"), e.file).toBe("application/vnd.amazon.eventstream");
        expect(Buffer.from(await res.arrayBuffer()).toString("base64"), e.file).toBe(e.response.bodyBase64);
      } else {
        expect(await res.json(), e.file).toEqual(e.response.body);
      }
    }
    expect(streams).toBe(exchangeIndex().filter((e) => e.streamed).length);
  });

  it("serves repeated recordings of one request in turn and rejects unmatched requests with 404", async () => {
    const emulator = createEmulator({
      verifyAuth: false,
      replay: [1, 2].map((n) => ({
        operation: "converse", modelId: "amazon.nova-micro-v1:0",
        request: { method: "POST", url: "https://x/model/amazon.nova-micro-v1%3A0/converse", body: { messages: [] } },
        response: { status: 200, headers: {}, body: { n } },
      })),
    });
    const call = (path: string) => emulator(new Request(`https://x${path}`, { method: "POST", body: JSON.stringify({ messages: [] }) }));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await call("/model/amazon.nova-micro-v1%3A0/converse")).json());
    expect(answers).toEqual([{ n: 1 }, { n: 2 }, { n: 1 }]);
    const miss = await call("/model/amazon.nova-lite-v1%3A0/converse");
    expect(miss.status).toBe(404);
    expect(miss.headers.get("x-amzn-ErrorType")).toMatch(/^ResourceNotFoundException:/);
  });
});

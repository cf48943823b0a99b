/**
 * The design card's browser story, in headless Chromium: a page served from loopback origin A gets temporary
 * credentials from the Cognito Identity test server (origin C, wrapped in the emulator's CORS helper because it does
 * not answer preflights itself), then streams a chat completion from the Bedrock emulator on origin B (CORS as
 * Bedrock answers it) and shows the tokens in the DOM. Cognito and the emulator share one credential store, so the
 * emulator accepts exactly the temporary credentials Cognito issued — and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCognitoIdentityEmulator, createCredentialStore, type CognitoIdentityEmulator } from "../../src/aws-emulators/index";
import { withCors } from "../../src/emulator/cors";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { createBedrock } from "../../src/index";
import { serve, type RunningServer } from "../../src/node/index";
import { bundle, launchChromium, locateChromium, missingRuntime, staticFiles } from "../runtime/helpers";

const POOL = "us-east-1:4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const PROVIDER = "login.example.test";
const LOGIN = "id-token-of-alice";
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const PROMPT = "Stream a greeting to the browser";

interface Seen {
  method: string;
  origin: string | null;
  accessKeyId: string | undefined;
  sessionToken: string | null;
}

const chromium = locateChromium();
const store = createCredentialStore();
let cognito: CognitoIdentityEmulator;
const bedrockSeen: Seen[] = [];
const cognitoSeen: Seen[] = [];
let page: RunningServer;
let cognitoServer: RunningServer;
let bedrockServer: RunningServer;

function record(into: Seen[], handler: (request: Request) => Promise<Response>) {
  return (request: Request) => {
    const credential = /Credential=([^/,\s]+)\//.exec(request.headers.get("authorization") ?? "")?.[1];
    into.push({ method: request.method, origin: request.headers.get("origin"), accessKeyId: credential,
      sessionToken: request.headers.get("x-amz-security-token") });
    return handler(request);
  };
}

beforeAll(async () => {
  if (!chromium.found) return;
  const script = await bundle("test/browser/app.ts");
  page = await serve(staticFiles({
    "/": ["text/html", '<!doctype html><meta charset="utf-8"><title>Bedrock in the browser</title>' +
      '<p id="status">loading</p><p id="tokens"></p><p id="identity"></p><script type="module" src="/app.js"></script>'],
    "/app.js": ["text/javascript", script],
  }));
  const origins = [page.url];
  cognito = createCognitoIdentityEmulator({ pools: { [POOL]: { providers: { [PROVIDER]: [LOGIN] } } }, store });
  cognitoServer = await serve(record(cognitoSeen, withCors(cognito, { origins })));
  // Only what the store holds is accepted: it starts empty, so the emulator knows no long-term keys at all.
  bedrockServer = await serve(record(bedrockSeen, createEmulator({ credentials: store.credentials, cors: { origins } })));
});

afterAll(async () => {
  await Promise.all([page?.close(), cognitoServer?.close(), bedrockServer?.close()]);
});

/** The answer the emulator gives to the prompt, computed in-process (no network, no CORS) for comparison. */
async function expectedText(): Promise<string> {
  const local = createEmulator();
  const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS,
    fetch: (input, init) => local(new Request(input, init)) });
  const answer = await bedrock.completion({ model: MODEL, messages: [{ role: "user", content: PROMPT }] });
  return answer.choices[0]!.message.content!;
}

describe("browser story: Cognito credentials, then a streamed completion across origins", () => {
  it("shows the streamed tokens, signed with the temporary credentials Cognito issued", async (ctx) => {
    if (!chromium.found) missingRuntime("chromium", chromium.reason, (note) => ctx.skip(note));
    const three = new Set([page.url, cognitoServer.url, bedrockServer.url]);
    expect(three.size, "three distinct loopback origins").toBe(3);

    const browser = await launchChromium(chromium.path);
    try {
      const tab = await browser.newPage();
      const crashed = new Promise<never>((_, reject) => tab.on("pageerror", (error) => reject(new Error(`page error: ${error.message}`))));
      const query = new URLSearchParams({ pool: POOL, provider: PROVIDER, login: LOGIN, cognito: cognitoServer.url,
        bedrock: bedrockServer.url, model: MODEL, prompt: PROMPT });
      await tab.goto(`${page.url}/?${query}`);
      // No timer of our own: the test's timeout bounds the wait.
      const settled = tab.waitForFunction(() => document.getElementById("status")?.textContent !== "loading", undefined, { timeout: 0, polling: 50 });
      await Promise.race([settled, crashed]);

      expect(await tab.textContent("#status")).toBe("done");
      const text = await expectedText();
      expect(text.startsWith(`Echo: ${PROMPT}`)).toBe(true);
      expect(await tab.textContent("#tokens")).toBe(text);
      // Streamed, not delivered whole: one span per token delta.
      expect(await tab.locator("#tokens span").count()).toBeGreaterThan(2);

      // The credentials: Cognito issued exactly one temporary set, and every Bedrock call was signed with it.
      expect(cognito.calls.map((c) => [c.operation, c.status])).toEqual([["GetId", 200], ["GetCredentialsForIdentity", 200]]);
      expect(store.credentials).toHaveLength(1);
      const issued = store.credentials[0]!;
      expect(issued.accessKeyId).toMatch(/^ASIA/);
      expect(JSON.parse((await tab.textContent("#identity"))!)).toEqual({ accessKeyId: issued.accessKeyId, sessionToken: true });
      const calls = bedrockSeen.filter((s) => s.method === "POST");
      expect(calls).toHaveLength(1);
      expect(calls[0]).toEqual({ method: "POST", origin: page.url, accessKeyId: issued.accessKeyId, sessionToken: issued.sessionToken });

      // Both cross-origin services were asked first (preflights: the requests carry non-safelisted headers).
      expect(bedrockSeen[0]).toMatchObject({ method: "OPTIONS", origin: page.url, accessKeyId: undefined, sessionToken: null });
      expect(cognitoSeen.map((s) => s.method)).toEqual(["OPTIONS", "POST", "POST"]);
    } finally {
      await browser.close();
    }
  });
});

/**
 * The browser story's page script, as an application would write it: temporary credentials from a Cognito identity
 * pool (guest-free, with a login token), then a streamed chat completion from Bedrock on another origin, each token
 * appended to the DOM as it arrives. Everything it needs comes in the page's query string.
 */
import { createBedrock } from "../../src/index";
import { fromCognitoIdentity } from "../../src/credentials/index";

const query = new URLSearchParams(location.search);
const param = (name: string): string => query.get(name) ?? "";
const tokens = document.getElementById("tokens")!;
const status = document.getElementById("status")!;

try {
  const credentials = fromCognitoIdentity({
    identityPoolId: param("pool"),
    logins: { [param("provider")]: param("login") },
    endpoint: param("cognito"),
  });
  const bedrock = createBedrock({ region: "us-east-1", endpoint: param("bedrock"), credentials });
  const stream = await bedrock.completion({
    model: param("model"),
    messages: [{ role: "user", content: param("prompt") }],
    stream: true,
  });
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta.content;
    if (text) {
      const span = document.createElement("span");
      span.textContent = text;
      tokens.append(span);
    }
  }
  // What the page signed with, minus the secrets: the key id and whether a session token came with it.
  const used = await credentials();
  document.getElementById("identity")!.textContent = JSON.stringify({
    accessKeyId: used.accessKeyId,
    sessionToken: typeof used.sessionToken === "string" && used.sessionToken.length > 0,
  });
  status.textContent = "done";
} catch (error) {
  status.textContent = `error: ${(error as Error).name}: ${(error as Error).message}`;
}

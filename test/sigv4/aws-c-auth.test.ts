/**
 * The aws-c-auth SigV4 suite (awslabs/aws-c-auth tests/aws-signing-test-suite/v4): every case, header and query
 * signing, honouring each context.json. Canonical request, string to sign, signature and signed request must be
 * byte-equal. Both the wire-level `signParts` and the step functions are checked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasShared, vectorsDir } from "../helpers/shared";
import {
  authorizationHeader,
  canonicalRequest,
  credentialScope,
  sha256Hex,
  signature,
  signingKey,
  signParts,
  stringToSign,
  type SignOptions,
} from "../../src/sigv4/index";
import { parseRawRequest, renderSigned } from "./raw-request";

const dir = join(vectorsDir, "sigv4", "aws-c-auth");
const cases = hasShared ? readdirSync(dir).sort() : [];

interface Context {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

function read(name: string, file: string): string {
  return readFileSync(join(dir, name, file), "utf8");
}

describe.skipIf(!hasShared)("aws-c-auth SigV4 suite", () => {
  it("has all 38 cases", () => {
    expect(cases.length).toBe(38);
  });

  for (const name of cases) {
    for (const mode of ["header", "query"] as const) {
      it(`${name} (${mode})`, async () => {
        const ctx = JSON.parse(read(name, "context.json")) as Context;
        const raw = parseRawRequest(read(name, "request.txt"));
        const options: SignOptions = {
          credentials: {
            accessKeyId: ctx.credentials.access_key_id,
            secretAccessKey: ctx.credentials.secret_access_key,
            sessionToken: ctx.credentials.token,
          },
          region: ctx.region,
          service: ctx.service,
          datetime: new Date(ctx.timestamp),
          signQuery: mode === "query",
          expiresIn: ctx.expiration_in_seconds,
          normalizePath: ctx.normalize,
          contentSha256: ctx.sign_body,
          omitSessionToken: ctx.omit_session_token === true,
        };
        const payloadHash = await sha256Hex(raw.body ?? "");
        const signed = signParts(
          {
            method: raw.method,
            path: raw.path,
            query: raw.query,
            headers: raw.headers.map((h) => [h.name, h.value] as const),
            payloadHash,
          },
          options,
        );
        expect(signed.canonicalRequest).toBe(read(name, `${mode}-canonical-request.txt`));
        expect(signed.stringToSign).toBe(read(name, `${mode}-string-to-sign.txt`));
        expect(signed.signature).toBe(read(name, `${mode}-signature.txt`));
        const rendered = renderSigned(raw, { set: signed.headers, appendQuery: signed.query, alwaysBlankLine: true });
        expect(rendered).toBe(read(name, `${mode}-signed-request.txt`));

        // The step functions, as a verifier would use them on the received parts, agree with the suite.
        const creq = read(name, `${mode}-canonical-request.txt`);
        const lines = creq.split("\n");
        const signedNames = lines[lines.length - 2]!.split(";");
        const queryForCreq =
          mode === "query"
            ? [raw.query, ...signed.query.filter(([k]) => k !== "X-Amz-Signature" && !(k === "X-Amz-Security-Token" && options.omitSessionToken)).map(([k, v]) => `${k}=${v}`)]
                .filter((s): s is string => s !== undefined && s !== "")
                .join("&")
            : raw.query;
        const headersForCreq: Array<[string, string]> = raw.headers.map((h) => [h.name, h.value]);
        for (const [n, v] of signed.headers) if (n !== "Authorization") headersForCreq.push([n, v]);
        const stepCreq = canonicalRequest({
          method: raw.method,
          path: raw.path,
          query: queryForCreq,
          headers: headersForCreq,
          signedHeaders: signedNames,
          payloadHash,
          normalizePath: ctx.normalize,
        });
        expect(stepCreq).toBe(creq);
        const scope = credentialScope("20150830", ctx.region, ctx.service);
        const sts = stringToSign("20150830T123600Z", scope, await sha256Hex(stepCreq));
        expect(sts).toBe(read(name, `${mode}-string-to-sign.txt`));
        const key = await signingKey(ctx.credentials.secret_access_key, "20150830", ctx.region, ctx.service);
        expect(await signature(key, sts)).toBe(read(name, `${mode}-signature.txt`));
        if (mode === "header") {
          expect(authorizationHeader(ctx.credentials.access_key_id, scope, signedNames, signed.signature)).toBe(signed.authorization);
        }
      });
    }
  }
});

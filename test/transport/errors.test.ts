/** Error mapping beyond the recordings: body `__type`, `Message`, non-JSON bodies, clock-skew detection. */
import { describe, expect, it } from "vitest";
import { createAPIError } from "../../src/errors";
import { errorFromResponse, isClockSkewError, serverTimeFromMessage } from "../../src/transport/errors";

describe("errorFromResponse", () => {
  it("takes the code from x-amzn-ErrorType before the colon", () => {
    const e = errorFromResponse(
      429,
      new Headers({ "x-amzn-ErrorType": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/", "x-amzn-RequestId": "r1" }),
      '{"message":"Too many requests, please wait before trying again."}',
    );
    expect(e).toMatchObject({ name: "RateLimitError", code: "ThrottlingException", status: 429, requestId: "r1", retryable: true });
    expect(e.message).toBe("Too many requests, please wait before trying again.");
  });
  it("falls back to the body's __type (with a namespace) and Message", () => {
    const e = errorFromResponse(404, new Headers(), '{"__type":"com.amazon.coral.service#ResourceNotFoundException","Message":"no such model"}');
    expect(e).toMatchObject({ name: "NotFoundError", code: "ResourceNotFoundException", message: "no such model" });
  });
  it("keeps a short non-JSON body as the message and classifies by status", () => {
    const e = errorFromResponse(502, new Headers(), "<html>Bad Gateway</html>");
    expect(e).toMatchObject({ name: "InternalServerError", status: 502, retryable: true, message: "<html>Bad Gateway</html>" });
    expect(errorFromResponse(503, new Headers(), "")).toMatchObject({ name: "ServiceUnavailableError", message: "HTTP 503" });
  });
  it("a 200 with x-amzn-ErrorType is an error", () => {
    const e = errorFromResponse(200, new Headers({ "x-amzn-errortype": "UnrecognizedClientException:http://x/" }), "{}");
    expect(e).toMatchObject({ name: "AuthenticationError", code: "UnrecognizedClientException" });
  });
});

describe("isClockSkewError", () => {
  it("recognises expired and not-yet-current signatures and RequestTimeTooSkewed", () => {
    const expired = createAPIError({ status: 403, code: "InvalidSignatureException", message: "Signature expired: 20250130T064508Z is now earlier than 20250210T013411Z (20250210T013911Z - 5 min.)" });
    expect(isClockSkewError(expired)).toBe(true);
    expect(isClockSkewError(createAPIError({ status: 403, code: "InvalidSignatureException", message: "Signature not yet current: 20250210T013911Z is still later than ..." }))).toBe(true);
    expect(isClockSkewError(createAPIError({ status: 403, code: "RequestTimeTooSkewed", message: "x" }))).toBe(true);
    expect(isClockSkewError(createAPIError({ status: 403, code: "InvalidSignatureException", message: "The request signature we calculated does not match" }))).toBe(false);
    expect(isClockSkewError(createAPIError({ status: 403, code: "ExpiredTokenException", message: "expired" }))).toBe(false);
  });
});

describe("serverTimeFromMessage", () => {
  it("reads the server time AWS puts in parentheses", () => {
    expect(serverTimeFromMessage("Signature expired: 20250130T064508Z is now earlier than 20250210T013411Z (20250210T013911Z - 5 min.)")).toBe(
      Date.parse("2025-02-10T01:39:11Z"),
    );
    expect(serverTimeFromMessage("Signature not yet current: 20250210T020000Z is still later than 20250210T014411Z (20250210T013911Z + 5 min.)")).toBe(
      Date.parse("2025-02-10T01:39:11Z"),
    );
    expect(serverTimeFromMessage("no time here")).toBeUndefined();
  });
});

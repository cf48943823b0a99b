/**
 * `networkFailure`: the reason found in a failed fetch's cause chain, bounded in depth and length, redacted.
 */
import { describe, expect, it } from "vitest";
import { networkFailure } from "../../src/transport/network-error";

const systemError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("networkFailure", () => {
  it("walks at most a few causes, and a cycle ends", () => {
    const a: Error & { cause?: unknown } = new Error("outer");
    const b = systemError("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED") as Error & { cause?: unknown };
    a.cause = b;
    b.cause = a;
    expect(networkFailure(a)).toEqual({ code: "ECONNREFUSED", detail: "ECONNREFUSED", connect: true });
  });

  it("redacts what is shaped like a credential", () => {
    const failure = networkFailure(new TypeError("fetch failed", { cause: systemError("header x-amz-security-token=IQoJb3JpZ2luX2VjEXAMPLE/abc value", "UND_ERR_INVALID_ARG") }));
    expect(failure.detail).toBe("UND_ERR_INVALID_ARG: header x-amz-security-token=[redacted] value");
  });

  it("cuts a long message and folds its lines", () => {
    const failure = networkFailure(new Error(`line one\n${"x".repeat(500)}`));
    expect(failure.detail.length).toBe(200);
    expect(failure.detail.startsWith("line one x")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { errorText } from "./helpers";

// The per-file scans (registerLeakScan) read errors through errorText; this proves it sees every place a secret
// could hide, so a clean scan means something.
describe("the secret-leak scanner", () => {
  it("reads message, stack, own properties and nested causes", () => {
    const hidden = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const inner = Object.assign(new Error("inner"), { detail: { token: hidden } });
    const outer = new Error("outer", { cause: new Error("middle", { cause: inner }) });
    expect(errorText(outer)).toContain(hidden);
    expect(errorText(new Error(`message ${hidden}`))).toContain(hidden);
    expect(errorText(Object.assign(new Error("x"), { requestBody: hidden }))).toContain(hidden);
    expect(errorText(new Error("clean"))).not.toContain(hidden);
  });
});

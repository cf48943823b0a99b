/** Model-string routing: every recorded model id parses, and the documented forms route as LiteLLM's do. */
import { describe, expect, it } from "vitest";
import { parseModel } from "../../src/api/models";
import { exchangeIndex, hasShared } from "../helpers/shared";

describe("parseModel", () => {
  it("strips bedrock/, the route and a region profile prefix for the base id", () => {
    expect(parseModel("bedrock/anthropic.claude-3-sonnet-20240229-v1:0")).toEqual({
      route: "converse",
      modelId: "anthropic.claude-3-sonnet-20240229-v1:0",
      baseModelId: "anthropic.claude-3-sonnet-20240229-v1:0",
      provider: "anthropic",
    });
    expect(parseModel("bedrock/invoke/us.anthropic.claude-3-5-sonnet-20240620-v1:0")).toEqual({
      route: "invoke",
      modelId: "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
      baseModelId: "anthropic.claude-3-5-sonnet-20240620-v1:0",
      provider: "anthropic",
    });
    for (const prefix of ["eu", "apac", "global", "us-gov", "jp", "au"]) {
      expect(parseModel(`converse/${prefix}.amazon.nova-lite-v1:0`)).toMatchObject({ baseModelId: "amazon.nova-lite-v1:0", provider: "amazon" });
    }
    expect(parseModel("meta.llama3-8b-instruct-v1:0").provider).toBe("meta");
  });

  it("accepts ARNs; the family is known only when the ARN (or `model`) names it", () => {
    const fm = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2";
    expect(parseModel(`bedrock/${fm}`)).toMatchObject({ modelId: fm, baseModelId: "anthropic.claude-v2", provider: "anthropic" });
    const ip = "arn:aws:bedrock:us-east-1:012345678901:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    expect(parseModel(ip)).toMatchObject({ modelId: ip, baseModelId: "anthropic.claude-3-7-sonnet-20250219-v1:0" });
    const aip = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/1arbu5hu2sjr";
    expect(parseModel(aip)).toEqual({ route: "converse", modelId: aip, baseModelId: undefined, provider: undefined });
    expect(parseModel("bedrock/anthropic.claude-instant-v1", aip)).toEqual({ route: "converse", modelId: aip, baseModelId: "anthropic.claude-instant-v1", provider: "anthropic" });
    const pm = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123";
    expect(parseModel("bedrock/invoke/anthropic.claude-v2", pm)).toMatchObject({ route: "invoke", modelId: pm, provider: "anthropic" });
  });

  it("rejects bad strings with a ConfigurationError naming `model` and the accepted forms", () => {
    for (const bad of ["", "bedrock/", "claude", "bedrock/converse/has space.x", "arn:aws:bedrock:us-east-1:1:knowledge-base/x", "us.nomodel"]) {
      expect(() => parseModel(bad)).toThrowError(expect.objectContaining({ name: "ConfigurationError", field: "model", message: expect.stringContaining("inference-profile") }));
    }
    expect(() => parseModel("anthropic.claude-v2", "")).toThrowError(expect.objectContaining({ field: "model_id" }));
  });

  it.skipIf(!hasShared)("parses every well-formed model id in the recordings", () => {
    const ids = [...new Set(exchangeIndex().flatMap((e) => (e.modelId ? [e.modelId] : [])))];
    const bad = new Set(["invalid-streaming-model-id", "does-not-exist", "invalid-model-id", "us.does-not-exist-model-v1:0"]);
    for (const id of ids) {
      if (bad.has(id)) expect(() => parseModel(id)).toThrowError(expect.objectContaining({ field: "model" }));
      else expect(parseModel(`bedrock/${id}`).modelId).toBe(id);
    }
    expect(ids.length).toBeGreaterThan(40);
  });
});

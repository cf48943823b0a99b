/**
 * Each image family against its documented-schema fixture (fixtures/images/*.json, each citing its AWS page): the
 * fixture's OpenAI params build the documented request body, the documented response maps to OpenAI `data`, and
 * documented failure answers (filtered, errored) become typed errors.
 */
import { imageFamilyFor, planImageGeneration } from "../helpers/families";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ModelError } from "../../src/errors";
import {
  assembleImages,
} from "../../src/families/images/index";
import type { ImageGenerateParams } from "../../src/api/image-types";

interface Fixture {
  source: string;
  note: string;
  model: string;
  openai: ImageGenerateParams;
  request: Record<string, unknown>;
  response: unknown;
  expected: { data: Array<{ b64_json: string }> };
  errors?: Array<{ response: unknown; code: string }>;
}

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/images");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const fixtures = files.map((file) => ({ file, fixture: JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture }));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("documented-schema image fixtures", () => {
  it("has one or more fixtures for every image family, each citing an AWS page", () => {
    const families = new Set(fixtures.map(({ fixture }) => imageFamilyFor(fixture.model).name));
    expect([...families].sort()).toEqual([
      "amazon-nova-canvas",
      "amazon-titan-image-v1",
      "amazon-titan-image-v2",
      "stability-sd3-5-large",
      "stability-sd3-large",
      "stability-sdxl-v0",
      "stability-sdxl-v1",
      "stability-stable-image-core",
      "stability-stable-image-ultra",
    ]);
    for (const { fixture } of fixtures) expect(fixture.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/(bedrock|nova)\/latest\/userguide\//);
  });

  for (const { file, fixture } of fixtures) {
    describe(file, () => {
      it("builds the documented request body in one call", () => {
        const plan = planImageGeneration(fixture.openai);
        expect(plan.family).toBe(imageFamilyFor(fixture.model));
        expect(plan.calls).toHaveLength(1);
        expect(plan.calls[0]!.count).toBe(plan.n);
        expect(plan.calls[0]!.body).toStrictEqual(fixture.request);
      });

      it("maps the documented response to OpenAI data holding the image bytes", () => {
        const plan = planImageGeneration(fixture.openai);
        const data = assembleImages(plan, [plan.family.parseResponse(fixture.response)]);
        expect(data).toStrictEqual(fixture.expected.data);
        for (const image of data) expect([...Buffer.from(image.b64_json, "base64").subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      });

      for (const [i, failure] of (fixture.errors ?? []).entries()) {
        it(`turns documented failure answer ${i} into a ModelError (${failure.code})`, () => {
          const family = imageFamilyFor(fixture.model);
          try {
            family.parseResponse(failure.response);
            throw new Error("expected an error");
          } catch (error) {
            expect(error).toBeInstanceOf(ModelError);
            expect((error as ModelError).code).toBe(failure.code);
          }
        });
      }
    });
  }
});

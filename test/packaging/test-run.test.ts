/**
 * What `npm test` prints on a clone without `../shared`: the notice that the suites over recorded traffic skip comes
 * once per run, not once per test file, and the AWS SDK (a devDependency some suites compare against) does not warn
 * about Node versions. A small vitest run is started as the test command starts it, with `../shared` pointed at a
 * folder that does not exist.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, ROOT, run } from "./packaging";

// Three suites that read ../shared through test/helpers/shared.ts; the last one also drives the AWS SDK's client.
const FILES = ["test/families/models.test.ts", "test/emulator/replay.test.ts", "test/emulator/aws-sdk.test.ts"];

describe("a test run without ../shared", () => {
  it("says once that the conformance suites skip, and shows no AWS SDK Node-version warning", async () => {
    const env = cleanEnv({ BEDROCK_FETCH_SHARED: join(ROOT, "no-such-shared-folder") });
    // As a fresh `npm test` process would start: none of this run's own vitest or SDK settings.
    for (const name of Object.keys(env)) if (/^VITEST|^AWS_SDK_JS_/.test(name)) delete env[name];
    delete env.NODE_OPTIONS;
    const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
    const result = await run(process.execPath, [vitest, "run", ...FILES], { cwd: ROOT, env });
    const output = result.stdout + result.stderr;
    // Whether those suites pass is theirs to say; this one is about what the run prints.
    expect(output).toMatch(/Test Files .*\(3\)/);
    expect(output.match(/\.\.\/shared not found/g)).toHaveLength(1);
    expect(output).toContain("no-such-shared-folder");
    expect(output).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript \(v3\)/);
  }, 120_000);
});

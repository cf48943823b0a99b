/**
 * Installing from a git URL, as `npm install github:owner/bedrock-fetch` does: npm clones the repository, installs
 * its devDependencies, runs `prepare` (which must build dist/, the only code the package's `files` hold), packs the
 * clone and installs that. Here the repository is a local snapshot of the working tree (`git+file://`), and npm
 * runs offline: the devDependencies come from the npm cache that the checkout's own install filled.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, it } from "vitest";
import { builtDist, cacheWithOwnTmp, expectWorkingInstall, newProject, npmInstall, snapshotRepository, tempDir } from "./packaging";

let work: string;
let repo: string;

beforeAll(async () => {
  builtDist();
  work = tempDir("git-install");
  repo = await snapshotRepository(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("installing bedrock-fetch from a git URL", () => {
  it("npm runs prepare in its clone, which builds dist/, and the installed package works", async () => {
    const project = newProject(work, "from-git");
    // `prepare` in the clone reuses this checkout's build when it was made from the same sources, and builds otherwise.
    const cache = await cacheWithOwnTmp(work);
    await npmInstall(project, `git+file://${repo}`, ["--cache", cache], { BEDROCK_FETCH_PREBUILT_DIST: builtDist() });
    await expectWorkingInstall(project, true);
  }, 240_000);
});

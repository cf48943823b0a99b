/**
 * Installing from a packed tarball (what the registry serves) and from a local folder, linked (`npm install
 * ../bedrock-fetch`, where npm runs the folder's `prepare`) or copied (`--install-links`, where npm runs `prepare`,
 * then packs the folder). Each install must hold the built package and work from a consumer project.
 */
import { existsSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtDist, expectWorkingInstall, linkInstalledPackages, newProject, npmInstall, packTarball, run, snapshotRepository, tempDir } from "./packaging";

let work: string;
let repo: string;

beforeAll(async () => {
  builtDist();
  work = tempDir("local-install");
  repo = await snapshotRepository(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("installing bedrock-fetch from a tarball or a folder", () => {
  it("from a packed tarball", async () => {
    const tarball = await packTarball(work);
    const project = newProject(work, "from-tarball");
    await npmInstall(project, tarball);
    await expectWorkingInstall(project, true);
  });

  it("prepare in a clone without its devDependencies says what to run", async () => {
    const bare = join(work, "bare-clone");
    await run("git", ["clone", "-q", repo, bare], { cwd: work });
    const result = await run(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: bare });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tsup (a devDependency) is not installed");
    expect(result.stderr).toContain("run `npm install` there first");
  });

  it("from a local folder, linked and with --install-links: its prepare builds dist/", async () => {
    // A clone where `npm install` has run (its packages: the checkout's) but dist/ was never built.
    linkInstalledPackages(repo);
    expect(existsSync(join(repo, "dist"))).toBe(false);
    // `prepare` reuses this checkout's build when it was made from the same sources, and builds otherwise.
    const prebuilt = { BEDROCK_FETCH_PREBUILT_DIST: builtDist() };

    const linked = newProject(work, "from-folder-linked");
    await npmInstall(linked, repo, [], prebuilt);
    expect(realpathSync(join(linked, "node_modules", "bedrock-fetch"))).toBe(realpathSync(repo));
    await expectWorkingInstall(linked, false);

    const copied = newProject(work, "from-folder-copied");
    await npmInstall(copied, repo, ["--install-links"], prebuilt);
    await expectWorkingInstall(copied, true);
  }, 240_000);
});

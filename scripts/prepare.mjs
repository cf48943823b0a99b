// npm's `prepare` step. npm runs it after `npm install` / `npm ci` in a checkout, before `npm pack` and `npm publish`,
// and when it installs this package from a git URL (after installing the devDependencies in its clone) or from a
// local folder; never for installs from the registry, whose tarball already holds dist/.
//
// 1. unlink-node-bins.mjs: npm scripts run on the machine's Node, not a pinned Node binary of the devDependencies.
// 2. build.mjs --if-stale: dist/ is built, unless it already was from the same sources; the package's `files` are
//    only dist/ and README.md, so without this step a git or folder install would hold no code.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

await import("./unlink-node-bins.mjs");
const build = fileURLToPath(new URL("./build.mjs", import.meta.url));
const result = spawnSync(process.env.npm_node_execpath || process.execPath, [build, "--if-stale"], { stdio: "inherit" });
process.exitCode = result.status ?? 1;

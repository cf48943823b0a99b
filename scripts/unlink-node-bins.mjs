// The Node 18 and 22 binaries (devDependencies `node18`, `node22`, used by the runtime matrix by path) both declare
// a `node` bin, which npm links into node_modules/.bin, the front of PATH for every npm script: `npm test` would
// then run on Node 18. This first step of `prepare` (scripts/prepare.mjs: npm runs it after `npm install` and `npm ci`
// in a checkout, and in the clone it makes to install the package from a git URL; never for installs from the
// registry) removes that link, so scripts run on the machine's own Node.
import { lstatSync, readlinkSync, unlinkSync } from "node:fs";

const link = "node_modules/.bin/node";
try {
  if (lstatSync(link).isSymbolicLink() && /node(18|22)/.test(readlinkSync(link))) {
    unlinkSync(link);
    console.log(`prepare: removed ${link} (a pinned Node binary) so that npm scripts use the machine's own Node`);
  }
} catch (error) {
  if (error.code !== "ENOENT") throw error;
}

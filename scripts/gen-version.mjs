// Writes src/cli/version.ts, the package version `bedrock-fetch --version` prints, from package.json. npm runs it
// on `npm version` (the "version" script), and test/cli/version.test.ts checks that the two agree.
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const text = `// Generated from package.json by scripts/gen-version.mjs (npm runs it on \`npm version\`); do not edit.\nexport const VERSION = ${JSON.stringify(version)};\n`;
writeFileSync(new URL("src/cli/version.ts", root), text);
console.log(`src/cli/version.ts: ${version}`);

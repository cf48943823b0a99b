import { defineConfig } from "tsup";

// One entry per public subpath; shared code is split into chunks so that importing `bedrock-fetch/sigv4`
// pulls in the signer and nothing else. `node:` modules are only imported by the node and cli entries.
export const entries = {
  index: "src/index.ts",
  "sigv4/index": "src/sigv4/index.ts",
  "event-stream/index": "src/event-stream/index.ts",
  "credentials/index": "src/credentials/index.ts",
  "emulator/index": "src/emulator/index.ts",
  "proxy/index": "src/proxy/index.ts",
  "families/index": "src/families-entry.ts",
  "node/index": "src/node/index.ts",
  "cli/index": "src/cli/index.ts",
};

export default defineConfig({
  entry: entries,
  format: ["esm", "cjs"],
  // The web-only rule for the core is enforced by `tsc -p tsconfig.json` (npm run typecheck); declarations for
  // the node and cli entries need Node's types.
  dts: { compilerOptions: { types: ["node"] } },
  splitting: true,
  treeshake: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: [/^node:/],
  sourcemap: false,
  outDir: "dist",
});

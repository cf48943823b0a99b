import { defineConfig } from "tsup";

// One entry per public subpath; shared code is split into chunks so that importing `bedrock-fetch/sigv4`
// pulls in the signer and nothing else.
export const entries = {
  index: "src/index.ts",
  "sigv4/index": "src/sigv4/index.ts",
  "event-stream/index": "src/event-stream/index.ts",
};

export default defineConfig({
  entry: entries,
  format: ["esm", "cjs"],
  dts: true,
  splitting: true,
  treeshake: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  outDir: "dist",
});

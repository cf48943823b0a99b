/**
 * The `bedrock-fetch/families` entry of the built package: the model families of ./families/index.ts.
 *
 * The bare import is for the build's code splitting, not for what it exports. The build puts each module in a chunk
 * by which entries reach it; if this entry reached only the families, the main entry's code would be cut into one
 * chunk more (what only it reaches, and what both reach), and that one more module to load made a cold
 * `import("bedrock-fetch")` on Node about 10% slower (1.5 ms of 14 ms, measured side by side). Reaching what the main
 * entry reaches (the one-shot calls reach all of it) keeps its chunks as they are. The package declares no side
 * effects, so bundlers drop this import unless the app uses something of it anyway.
 */
import "./one-shot";

export * from "./families/index";

/** Bun entry of the conformance script: the emulator URL is the first argument; one JSON line after a marker. */
import { runConformance } from "../conformance";

declare const Bun: { argv: string[]; version: string };

const report = await runConformance({ endpoint: Bun.argv[2] ?? "", runtime: `bun ${Bun.version}` });
console.log(`CONFORMANCE ${JSON.stringify(report)}`);

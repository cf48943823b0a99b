/** Deno entry of the conformance script: the emulator URL is the first argument; one JSON line after a marker. */
import { runConformance } from "../conformance";

declare const Deno: { args: string[]; version: { deno: string } };

const report = await runConformance({ endpoint: Deno.args[0] ?? "", runtime: `deno ${Deno.version.deno}` });
console.log(`CONFORMANCE ${JSON.stringify(report)}`);

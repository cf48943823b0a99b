/**
 * Node entry of the conformance script (Node 18, 20 and 22 run the same bundle): the emulator URL is the first
 * argument; the report is printed as one JSON line after a marker.
 */
import { runConformance } from "../conformance";

const endpoint = process.argv[2] ?? "";
const report = await runConformance({ endpoint, runtime: `node ${process.version}` });
console.log(`CONFORMANCE ${JSON.stringify(report)}`);

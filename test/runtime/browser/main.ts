/**
 * Browser entry of the conformance script: the page's `?endpoint=` names the emulator (another origin, so every
 * call is a CORS request); the report is published on `globalThis.__conformance` and in the page's `<pre>`.
 */
import { runConformance } from "../conformance";

const endpoint = new URLSearchParams(location.search).get("endpoint") ?? "";
const report = await runConformance({ endpoint, runtime: `browser (${navigator.userAgent})` });
document.querySelector("pre")!.textContent = JSON.stringify(report, null, 2);
(globalThis as { __conformance?: unknown }).__conformance = report;

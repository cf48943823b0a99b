/**
 * `npm run bench`: every benchmark, side by side with its peers, in one process.
 * Pass names to run a subset: `npm run bench -- sigv4`.
 */
const suites: Record<string, () => Promise<unknown>> = {
  sigv4: () => import("./sigv4").then((m) => m.run()),
  "event-stream": () => import("./event-stream").then((m) => m.run()),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  await run();
}
export {};

/**
 * Side-by-side micro-benchmarks: every contender runs in the same process, in interleaved rounds (the order rotates
 * each round so that none always runs warm or cold), and each figure is the median over rounds with its spread.
 * Results are reported as ratios against the first contender ("ours").
 */

export interface Contender {
  name: string;
  /** One operation. May be async. */
  run: () => unknown;
}

export interface CompareOptions {
  /** Rounds per contender; the median is taken over these. @defaultValue 11 */
  rounds?: number;
  /** Time one contender runs in one round. @defaultValue 150 */
  roundMs?: number;
  /** Bytes processed by one operation, to report MB/s as well. */
  bytesPerOp?: number;
  /** What one operation is called in the output. @defaultValue "ops" */
  unit?: string;
}

export interface Result {
  name: string;
  opsPerSec: number;
  /** Relative spread of the rounds: (p75 - p25) / median. */
  spread: number;
  mbPerSec?: number;
}

export interface Comparison {
  title: string;
  unit: string;
  results: Result[];
}

const now = () => performance.now();

async function measure(c: Contender, ms: number): Promise<number> {
  let ops = 0;
  const start = now();
  let elapsed = 0;
  // Batch operations between clock reads so that reading the clock costs nothing measurable.
  let batch = 1;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) {
      const r = c.run();
      if (r instanceof Promise) await r;
    }
    ops += batch;
    elapsed = now() - start;
    if (elapsed < ms / 20) batch *= 2;
  }
  return (ops * 1000) / elapsed;
}

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export async function compare(title: string, contenders: Contender[], options: CompareOptions = {}): Promise<Comparison> {
  const rounds = options.rounds ?? 11;
  const roundMs = options.roundMs ?? 150;
  const samples = contenders.map(() => [] as number[]);
  // Warm-up: let the JIT see every contender once before anything is recorded.
  for (const c of contenders) await measure(c, roundMs / 2);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + r) % contenders.length;
      samples[i]!.push(await measure(contenders[i]!, roundMs));
    }
  }
  const results = contenders.map((c, i) => {
    const s = samples[i]!.sort((a, b) => a - b);
    const median = quantile(s, 0.5);
    const result: Result = { name: c.name, opsPerSec: median, spread: (quantile(s, 0.75) - quantile(s, 0.25)) / median };
    if (options.bytesPerOp) result.mbPerSec = (median * options.bytesPerOp) / 1e6;
    return result;
  });
  const comparison = { title, unit: options.unit ?? "ops", results };
  print(comparison);
  return comparison;
}

export function print({ title, unit, results }: Comparison): void {
  const ours = results[0]!;
  console.log(`\n${title}`);
  for (const r of results) {
    const mb = r.mbPerSec === undefined ? "" : `  ${r.mbPerSec.toFixed(1).padStart(8)} MB/s`;
    const ratio = r === ours ? "    (ours)" : `  ours is ${(ours.opsPerSec / r.opsPerSec).toFixed(2)}x`;
    console.log(
      `  ${r.name.padEnd(44)} ${Math.round(r.opsPerSec).toLocaleString("en-US").padStart(12)} ${unit}/s ±${(r.spread * 100).toFixed(1)}%${mb}${ratio}`,
    );
  }
}

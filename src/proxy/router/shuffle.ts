/**
 * LiteLLM's `simple-shuffle` (https://docs.litellm.ai/docs/routing, "Weighted Deployments"): a random pick among the
 * deployments a request may use, weighted by `weight` when the model's entries set one (an entry without it counts
 * 1), else by `rpm` when every entry sets it, else by `tpm` when every entry sets it, else evenly. An entry with
 * `weight: 0` is a standby: picked only when every other candidate is out (cooling down, over its limits, or already
 * failed for this request).
 * @internal
 */
import type { Deployment } from "../config";

/** How much of the picks each deployment of `group` gets. */
export function shuffleWeights(group: readonly Deployment[]): (deployment: Deployment) => number {
  if (group.some((d) => d.weight !== undefined)) return (d) => d.weight ?? 1;
  if (group.every((d) => d.rpm !== undefined)) return (d) => d.rpm!;
  if (group.every((d) => d.tpm !== undefined)) return (d) => d.tpm!;
  return () => 1;
}

/** One of `candidates` (non-empty), drawn with probability proportional to `weight`; evenly when all weigh 0. */
export function choose<T>(candidates: readonly T[], weight: (item: T) => number, random: () => number): T {
  const weights = candidates.map(weight);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))]!;
  let point = random() * total;
  for (let i = 0; i < candidates.length; i++) {
    point -= weights[i]!;
    if (point < 0 && weights[i]! > 0) return candidates[i]!;
  }
  // Rounding left the point at the very top: the last candidate with any weight.
  for (let i = candidates.length - 1; i >= 0; i--) if (weights[i]! > 0) return candidates[i]!;
  return candidates[0]!;
}

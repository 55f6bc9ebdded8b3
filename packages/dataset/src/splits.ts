/**
 * Splits by group (song), seeded: every item of a group lands in one split, so no song sits in two. The
 * order is a seeded shuffle of the sorted group names, so the assignment depends only on the names and seed.
 */

export type SplitName = "train" | "val" | "test";

/** A deterministic PRNG (mulberry32). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Assigns each group to a split: at least one val and one test group when there are three or more groups. */
export function splitGroups(
  groups: readonly string[],
  options: { seed: number; valFraction: number; testFraction: number },
): Record<string, SplitName> {
  const names = [...new Set(groups)].sort();
  const rng = createRng(options.seed);
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  const atLeast = names.length >= 3 ? 1 : 0;
  const nTest = Math.max(atLeast, Math.round(names.length * options.testFraction));
  const nVal = Math.max(atLeast, Math.round(names.length * options.valFraction));
  const out: Record<string, SplitName> = {};
  names.forEach((name, i) => {
    out[name] = i < nTest ? "test" : i < nTest + nVal ? "val" : "train";
  });
  return out;
}

// Sliders that always add up to 100: moving one takes the difference from (or gives it to) the
// others, in proportion to what they have, in whole percents.

/** Whole percents over `count` services, as even as possible (the first ones get the remainder). */
export function evenSplit(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/**
 * The weights after slider `index` moved to `value`: still whole percents adding up to 100. The
 * difference is taken from (or given to) the other sliders from the last one up, so setting them
 * top to bottom lands exactly where a person aims (70, then 20, leaves 10 for the third).
 */
export function rebalance(weights: number[], index: number, value: number): number[] {
  if (weights.length === 0 || index < 0 || index >= weights.length) return weights;
  if (weights.length === 1) return [100];
  const out = [...weights];
  const v = Math.max(0, Math.min(100, Math.round(value)));
  let delta = v - (out[index] ?? 0);
  out[index] = v;
  const others = out.map((_, i) => i).filter((i) => i !== index).reverse();
  for (const i of others) {
    if (delta === 0) break;
    const current = out[i] ?? 0;
    // delta > 0: the moved slider grew, the others give; delta < 0: they take what it gave up.
    const change = delta > 0 ? Math.min(current, delta) : Math.max(current - 100, delta);
    out[i] = current - change;
    delta -= change;
  }
  return out;
}

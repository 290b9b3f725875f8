// Resource quantities ("500m", "1.5", "64Mi", "1e3"): parsed to a number for comparison and
// printed in the canonical form the apiserver's Quantity.String() gives.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export type Quantity = { value: number; binary: boolean };

export function parseQuantity(raw: unknown): Quantity | undefined {
  if (typeof raw === 'number') return { value: raw, binary: false };
  if (typeof raw !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/.exec(raw.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] && m[2] in BINARY) return { value: n * (BINARY[m[2]] ?? 1), binary: true };
  if (m[3] !== undefined) return { value: n * 10 ** Number(m[3]), binary: false };
  return { value: n * (DECIMAL[m[2] ?? ''] ?? 1), binary: false };
}

/** Canonical text: the largest suffix that keeps an integer (binary suffixes for binary input). */
export function formatQuantity(q: Quantity): string {
  if (q.binary && q.value >= 1024 && Number.isInteger(q.value)) {
    for (const [suffix, mult] of Object.entries(BINARY).reverse()) if (q.value % mult === 0) return `${q.value / mult}${suffix}`;
  }
  const milli = Math.round(q.value * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  const whole = milli / 1000;
  for (const [suffix, mult] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) if (whole !== 0 && whole % mult === 0) return `${whole / mult}${suffix}`;
  return String(whole);
}

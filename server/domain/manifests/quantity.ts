// Kubernetes quantities as numbers, to compare a limit with its request before the API server
// refuses the Deployment ("must be greater than or equal to cpu request").

const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of "500m", "1.5", "512Mi", "2G"…; undefined when it is not a quantity. */
export function parseQuantity(text: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]{0,2})$/.exec(text.trim());
  if (!m) return undefined;
  const factor = SUFFIX[m[2] ?? ''];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}

// Kubernetes resource quantities, as far as a service spec uses them: CPU ("500m", "1.5") and
// memory ("512Mi", "2Gi", "1G", "1000000"). Parsed to compare requests with limits; the strings
// themselves go to the cluster unchanged.

const cpuPattern = /^([0-9]+m|[0-9]+(\.[0-9]{1,3})?)$/;
const memoryPattern = /^([0-9]+)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/;

const memoryUnits: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

export const isCpu = (value: string) => cpuPattern.test(value);
export const isMemory = (value: string) => memoryPattern.test(value);

/** CPU in millicores. */
export function millicores(value: string): number {
  if (!cpuPattern.test(value)) throw new Error(`not a CPU quantity: ${value}`);
  return value.endsWith('m') ? Number(value.slice(0, -1)) : Math.round(Number(value) * 1000);
}

/** Memory in bytes. */
export function bytes(value: string): number {
  const match = memoryPattern.exec(value);
  if (!match) throw new Error(`not a memory quantity: ${value}`);
  return Number(match[1]) * (memoryUnits[match[2] ?? ''] ?? 1);
}

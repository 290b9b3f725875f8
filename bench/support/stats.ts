// Figures as the benches print them: percentiles, milliseconds, a table, PASS/MISS against a target.

export const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
/** Nearest-rank percentile. */
export const percentile = (values: number[], p: number) => sorted(values)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;
export const median = (values: number[]) => percentile(values, 50);

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms` : '—');

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((line) => (line[c] ?? '').length)));
  const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(format(row));
}

/** Timing targets on a shared machine are not deterministic: a miss is printed, not a failed exit. */
export function verdict(value: number, target: number): string {
  return value <= target ? `PASS (≤ ${target})` : `MISS (> ${target})`;
}

/** A stuck bench must not hang `npm run bench`. */
export function giveUpAfter(name: string, limitMs: number): void {
  setTimeout(() => {
    console.error(`${name}: still running after ${limitMs / 1000} s; giving up`);
    process.exit(1);
  }, limitMs).unref();
}

/** `--name value` from the command line, as a positive integer, or the default. */
export function intFlag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive integer, got ${process.argv[index + 1]}`);
  return value;
}

// The worker's V8 old-space limit. Rolling out 200 services at once, the worker's live heap stays
// under ~80 MiB (after a full collection it is back at ~57 MiB), but with Node's default limit
// (about half the machine's memory) V8 lets garbage pile up rather than collect: the resident size
// peaked at 400–440 MiB (bench/fleet-rollout.bench.ts). A limit makes V8 collect before it grows the
// heap. Set on the command line it must be before V8 starts, so workers/main.ts re-executes itself
// (process.execve: the same process id, so signals and supervisors see one process) with the flag.

/** Default for WORKER_MAX_OLD_SPACE_MB (measured: see README Benchmarks, fleet-rollout). */
export const DEFAULT_WORKER_MAX_OLD_SPACE_MB = 192;

const FLAG = '--max-old-space-size';

/**
 * The Node flag to add to the worker's command line, or undefined when none should be: the flag is
 * already given (on the command line or in NODE_OPTIONS: an explicit choice wins), or
 * WORKER_MAX_OLD_SPACE_MB is 0 (Node's default). Anything but a whole number of MiB ≥ 0 is an error.
 */
export function heapLimitFlag(env: Readonly<Record<string, string | undefined>>, execArgv: readonly string[]): string | undefined {
  const raw = env.WORKER_MAX_OLD_SPACE_MB?.trim();
  const mb = raw === undefined || raw === '' ? DEFAULT_WORKER_MAX_OLD_SPACE_MB : Number(raw);
  if (!Number.isInteger(mb) || mb < 0) throw new Error(`WORKER_MAX_OLD_SPACE_MB must be a whole number of MiB (0: Node's default), got ${JSON.stringify(raw)}`);
  if (mb === 0) return undefined;
  const given = (arg: string) => arg === FLAG || arg.startsWith(`${FLAG}=`) || arg === '--max_old_space_size' || arg.startsWith('--max_old_space_size=');
  if (execArgv.some(given) || (env.NODE_OPTIONS ?? '').split(/\s+/).some(given)) return undefined;
  return `${FLAG}=${mb}`;
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type WorkerProcess = {
  child: ChildProcess;
  /** Resolves with the first match in the worker's output, or fails after timeoutMs with the output so far. */
  seen: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  exited: Promise<number | null>;
  output: () => string;
};

/**
 * `workers/main.ts` as its own process, as production runs it: for tests that stop or kill it.
 * Starting one loads the Kubernetes client and every task, which is slow on a busy machine, so
 * waits are generous.
 */
export function startWorkerProcess(env: Record<string, string> = {}): WorkerProcess {
  const main = path.resolve(import.meta.dirname, '../workers/main.ts');
  const child = spawn(process.execPath, [main], { env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  let output = '';
  const waiters = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const check of waiters) check();
    });
  }
  const seen = (pattern: RegExp, timeoutMs = 90_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`));
      }, timeoutMs);
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(match[0]);
      };
      waiters.add(check);
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, seen, exited, output: () => output };
}

// The worker process (`npm run worker`). Only the module hook and the heap limit are imported
// statically: the hook must be in place before drizzle-orm is resolved, and static imports are all
// resolved before this file runs.
import { registerDrizzleResolveHook } from '../server/drizzle-resolve-hook.ts';
import { heapLimitFlag } from './heap-limit.ts';

// V8 reads its heap limit at start-up only: re-execute with it (same process id) before loading anything.
const heapFlag = heapLimitFlag(process.env, process.execArgv);
if (heapFlag) process.execve!(process.execPath, [process.execPath, ...process.execArgv, heapFlag, ...process.argv.slice(1)], process.env);

registerDrizzleResolveHook();
const { runWorker } = await import('./run-worker.ts');
const { logger } = await import('../server/log.ts');
runWorker().catch((error: unknown) => {
  logger.error('worker failed', { error });
  process.exit(1);
});

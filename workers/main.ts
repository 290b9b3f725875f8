// The worker process (`npm run worker`). Only the module hook is imported statically: it must be in
// place before drizzle-orm is resolved, and static imports are all resolved before this file runs.
import { registerDrizzleResolveHook } from '../server/drizzle-resolve-hook.ts';

registerDrizzleResolveHook();
const { runWorker } = await import('./run-worker.ts');
const { logger } = await import('../server/log.ts');
runWorker().catch((error: unknown) => {
  logger.error('worker failed', { error });
  process.exit(1);
});

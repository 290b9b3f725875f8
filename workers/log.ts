import { Logger } from 'graphile-worker';
import { logger } from '../server/log.ts';

// graphile-worker's own messages in the same JSON lines as ours. Its per-job "Completed task"
// lines (one a minute from the outbox cron alone) are routine, so they go to debug.
const routine = /^(Completed task|Worker connected)/;

export const workerLogger = new Logger((scope) => (level, message, meta) => {
  const fields = { component: 'graphile-worker', ...scope, ...(meta && typeof meta === 'object' ? meta : {}) };
  // LogLevel is a const enum of these strings; compare as strings, as erasable TypeScript cannot use the enum.
  switch (String(level)) {
    case 'error':
      logger.error(message, fields);
      break;
    case 'warning':
      logger.warn(message, fields);
      break;
    case 'info':
      (routine.test(message) ? logger.debug : logger.info)(message, fields);
      break;
    default:
      logger.debug(message, fields);
  }
});

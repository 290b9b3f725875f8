import type { Task } from 'graphile-worker';
import { lt } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../../db/client.ts';
import { signInThrottles } from '../../db/schema/users.ts';

const payload = z.object({}).passthrough().nullable();
const DAY_MS = 86_400_000;

/** Daily clean-up of rows that only matter for a short while. */
const task: Task = async (raw, helpers) => {
  payload.parse(raw);
  const [result] = await db().delete(signInThrottles).where(lt(signInThrottles.lastFailureAt, new Date(Date.now() - DAY_MS)));
  helpers.logger.info(`housekeeping: forgot ${result.affectedRows} old sign-in failure record(s)`);
};

export default task;

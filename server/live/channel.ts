import { z } from 'zod';

// Live progress (DESIGN.md): the worker writes a rollout's progress to its row, then sends a
// PostgreSQL NOTIFY on this channel of the jobs database; every web process LISTENs and tells the
// open pages, which read the row again. The notice carries ids only, never data, so a page always
// shows what the database holds and a missed notice costs nothing but freshness.
export const CHANGES_CHANNEL = 'drucker_changes';

export const changeNotice = z.object({
  projectId: z.number(),
  applicationId: z.number(),
  serviceId: z.number(),
  rolloutId: z.number().optional(),
});
export type ChangeNotice = z.infer<typeof changeNotice>;

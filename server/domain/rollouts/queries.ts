import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import { notFound, parseInput } from '../../errors.ts';
import { id } from '../names.ts';
import { toRolloutDto, type RolloutDto } from './dto.ts';

export const listRolloutsInput = z.object({
  serviceId: id,
  /** Older pages: only rollouts with an id below this one. */
  before: id.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** A rollout row of the project, or a not-found error: every read is scoped by project. */
export async function findRollout(db: DbOrTx, projectId: number, rolloutId: number): Promise<typeof rollouts.$inferSelect> {
  const [row] = await db
    .select({ rollout: rollouts })
    .from(rollouts)
    .innerJoin(services, eq(services.id, rollouts.serviceId))
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .where(and(eq(rollouts.id, rolloutId), eq(applications.projectId, projectId)));
  if (!row) throw notFound('That rollout');
  return row.rollout;
}

export async function getRollout(db: DbOrTx, projectId: number, rolloutId: number) {
  const row = await findRollout(db, projectId, rolloutId);
  return { ...toRolloutDto(row), spec: row.spec };
}

/** A service's rollouts, newest first. */
export async function listRollouts(db: DbOrTx, projectId: number, raw: z.input<typeof listRolloutsInput>): Promise<RolloutDto[]> {
  const input = parseInput(listRolloutsInput, raw);
  const [service] = await db
    .select({ id: services.id })
    .from(services)
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .where(and(eq(services.id, input.serviceId), eq(applications.projectId, projectId)));
  if (!service) throw notFound('That service');
  const rows = await db
    .select()
    .from(rollouts)
    .where(and(eq(rollouts.serviceId, service.id), input.before ? lt(rollouts.id, input.before) : undefined))
    .orderBy(desc(rollouts.id))
    .limit(input.limit);
  const now = Date.now();
  return rows.map((row) => toRolloutDto(row, now));
}

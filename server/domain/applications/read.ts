import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { serviceLevels, type ServiceLevel } from '../../../db/schema/common.ts';
import { services } from '../../../db/schema/services.ts';
import { notFound } from '../../errors.ts';
import type { ApplicationDto } from './fields.ts';

export type ApplicationRow = typeof applications.$inferSelect;
type ServiceCounts = Record<ServiceLevel, number>;

const noServices = (): ServiceCounts => Object.fromEntries(serviceLevels.map((level) => [level, 0])) as ServiceCounts;

export function toApplicationDto(row: ApplicationRow, serviceCounts: ServiceCounts = noServices()): ApplicationDto {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    description: row.description,
    gitUrl: row.gitUrl,
    gitBranch: row.gitBranch,
    bootScript: row.bootScript,
    gitSshKeySet: row.gitSshKeySealed != null,
    serviceCounts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function serviceCounts(db: DbOrTx, applicationIds: number[]): Promise<Map<number, ServiceCounts>> {
  const counts = new Map<number, ServiceCounts>();
  if (applicationIds.length === 0) return counts;
  const rows = await db
    .select({ applicationId: services.applicationId, level: services.level, n: count() })
    .from(services)
    .where(and(inArray(services.applicationId, applicationIds), isNull(services.deletedAt)))
    .groupBy(services.applicationId, services.level);
  for (const row of rows) {
    const entry = counts.get(row.applicationId) ?? noServices();
    entry[row.level] = row.n;
    counts.set(row.applicationId, entry);
  }
  return counts;
}

/** The project's application with this id, or undefined: another project's id is as good as unknown. */
export async function findApplication(db: DbOrTx, projectId: number, applicationId: number): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.projectId, projectId)))
    .limit(1);
  return row;
}

export async function getApplication(db: DbOrTx, projectId: number, applicationId: number): Promise<ApplicationDto> {
  const row = await findApplication(db, projectId, applicationId);
  if (!row) throw notFound('That application');
  return toApplicationDto(row, (await serviceCounts(db, [row.id])).get(row.id));
}

export async function listApplications(db: DbOrTx, projectId: number): Promise<ApplicationDto[]> {
  const rows = await db.select().from(applications).where(eq(applications.projectId, projectId)).orderBy(asc(applications.name));
  const counts = await serviceCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toApplicationDto(row, counts.get(row.id)));
}

/** For the authorization scope: the project an application belongs to. */
export async function projectOfApplication(db: DbOrTx, applicationId: number): Promise<number | undefined> {
  const [row] = await db.select({ projectId: applications.projectId }).from(applications).where(eq(applications.id, applicationId)).limit(1);
  return row?.projectId;
}

import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isDuplicateKey, type Db } from '../../../db/client.ts';
import { roles } from '../../../db/schema/common.ts';
import { projectMembers, projects } from '../../../db/schema/projects.ts';
import { lowerRole, type Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { dnsLabel } from '../names.ts';

export const createProjectInput = z.object({
  name: dnsLabel('The project name', 63),
  description: z.string().trim().max(2000).optional(),
});

export const projectOutput = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  role: z.enum(roles),
  createdAt: z.string(),
});
export type ProjectDto = z.infer<typeof projectOutput>;

/** The projects this actor can see, with the role it holds in each. */
export async function listProjects(db: Db, actor: Actor): Promise<ProjectDto[]> {
  if (actor.type !== 'user' && actor.type !== 'token') return [];
  const rows = await db
    .select({ project: projects, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(
      actor.type === 'token'
        ? and(eq(projectMembers.userId, actor.userId), eq(projects.id, actor.projectId))
        : eq(projectMembers.userId, actor.userId),
    )
    .orderBy(asc(projects.name));
  return rows.map(({ project, role }) => ({
    id: project.id,
    name: project.name,
    description: project.description,
    role: actor.type === 'token' ? lowerRole(actor.role, role) : role,
    createdAt: project.createdAt.toISOString(),
  }));
}

export async function createProject(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createProjectInput>,
  requestId?: string,
): Promise<{ projectId: number }> {
  if (actor.type !== 'user') throw new AppError('FORBIDDEN', 'Projects are created by people signed in to the portal, not by API tokens.');
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx.insert(projects).values({ name: input.name, description: input.description ?? null, createdBy: actor.userId }).$returningId();
      if (!created) throw new Error('insert returned no id');
      await tx.insert(projectMembers).values({ projectId: created.id, userId: actor.userId, role: 'admin' });
      await recordAudit(tx, {
        projectId: created.id,
        actor,
        action: 'project.create',
        target: { type: 'project', id: created.id, label: input.name },
        summary: `created project ${input.name}`,
        after: { name: input.name, description: input.description ?? null },
        requestId,
      });
      return { projectId: created.id };
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('CONFLICT', `A project named ${input.name} already exists; choose another name.`);
    throw error;
  }
}

export async function getProject(db: Db, projectId: number) {
  const [row] = await db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  return row;
}

export async function findProjectByName(db: Db, name: string) {
  const [row] = await db.select().from(projects).where(eq(projects.name, name)).limit(1);
  return row;
}

/** The longest-standing admin of a project: who acts for the CLI when no one is named. */
export async function firstAdmin(db: Db, projectId: number) {
  const [row] = await db
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, 'admin')))
    .orderBy(asc(projectMembers.createdAt))
    .limit(1);
  return row?.userId;
}

import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import type { Role } from '../../../db/schema/common.ts';
import { projectMembers } from '../../../db/schema/projects.ts';
import { lowerRole, type Actor } from '../../auth/actor.ts';

/**
 * The role an actor holds in a project right now, or null. A token's role is capped by its
 * creator's current role, so removing or demoting a person also limits the tokens they made.
 */
export async function roleInProject(db: DbOrTx, actor: Actor, projectId: number): Promise<Role | null> {
  if (actor.type !== 'user' && actor.type !== 'token') return 'admin';
  if (actor.type === 'token' && actor.projectId !== projectId) return null;
  const [member] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, actor.userId)))
    .limit(1);
  if (!member) return null;
  return actor.type === 'token' ? lowerRole(actor.role, member.role) : member.role;
}

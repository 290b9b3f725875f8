import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../db/client.ts';
import { roles } from '../../../db/schema/common.ts';
import { projectMembers } from '../../../db/schema/projects.ts';
import { users } from '../../../db/schema/users.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { email, id } from '../names.ts';
import { createUser, findUserByEmail } from '../users/users.ts';

export const setMemberInput = z.object({ projectId: id, email, role: z.enum(roles) });
export const removeMemberInput = z.object({ projectId: id, email });

export const memberOutput = z.object({ userId: z.number(), email: z.string(), name: z.string(), role: z.enum(roles), approver: z.boolean(), since: z.string() });

export async function listMembers(db: Db, projectId: number): Promise<z.infer<typeof memberOutput>[]> {
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: projectMembers.role, approver: projectMembers.approver, since: projectMembers.createdAt })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.email));
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

async function adminCount(tx: Tx, projectId: number): Promise<number> {
  // FOR UPDATE serialises concurrent demotions, so two admins cannot demote each other at once.
  const rows = await tx
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, 'admin')))
    .for('update');
  return rows.length;
}

/**
 * Adds a member or changes their role. People are added by email; when SSO is configured an
 * account is created for an email not seen yet, so the person can sign in with SSO later.
 */
export async function setMember(
  db: Db,
  actor: Actor,
  input: z.infer<typeof setMemberInput>,
  options: { createMissingUsers: boolean; requestId?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, input.email);
    if (!user) {
      if (!options.createMissingUsers) {
        throw new AppError('NOT_FOUND', `No account uses ${input.email}. Create it first (npm run drucker -- user create --email ${input.email}), then add the member.`);
      }
      const created = await createUser(tx, { email: input.email });
      user = await findUserByEmail(tx, created.email);
      if (!user) throw new Error('user vanished after insert');
    }
    const [existing] = await tx
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, user.id)))
      .for('update');
    if (existing?.role === input.role) return;
    if (existing?.role === 'admin' && (await adminCount(tx, input.projectId)) <= 1) {
      throw new AppError('CONFLICT', `${input.email} is the last admin of this project; make someone else admin first.`);
    }
    if (existing) {
      await tx
        .update(projectMembers)
        .set({ role: input.role })
        .where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, user.id)));
    } else {
      await tx.insert(projectMembers).values({ projectId: input.projectId, userId: user.id, role: input.role });
    }
    await recordAudit(tx, {
      projectId: input.projectId,
      actor,
      action: existing ? 'member.update' : 'member.add',
      target: { type: 'user', id: user.id, label: user.email },
      summary: existing ? `changed ${user.email} from ${existing.role} to ${input.role}` : `added ${user.email} as ${input.role}`,
      before: existing ? { role: existing.role } : null,
      after: { role: input.role },
      requestId: options.requestId,
    });
  });
}

export async function removeMember(db: Db, actor: Actor, input: z.infer<typeof removeMemberInput>, requestId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    const [existing] = user
      ? await tx
          .select({ role: projectMembers.role })
          .from(projectMembers)
          .where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, user.id)))
          .for('update')
      : [];
    if (!user || !existing) throw new AppError('NOT_FOUND', `${input.email} is not a member of this project.`);
    if (existing.role === 'admin' && (await adminCount(tx, input.projectId)) <= 1) {
      throw new AppError('CONFLICT', `${input.email} is the last admin of this project; make someone else admin before removing them.`);
    }
    await tx.delete(projectMembers).where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, user.id)));
    await recordAudit(tx, {
      projectId: input.projectId,
      actor,
      action: 'member.remove',
      target: { type: 'user', id: user.id, label: user.email },
      summary: `removed ${user.email} (${existing.role})`,
      before: { role: existing.role },
      requestId,
    });
  });
}

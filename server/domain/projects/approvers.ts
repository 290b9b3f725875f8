import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { projectMembers } from '../../../db/schema/projects.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { email, id } from '../names.ts';
import { findUserByEmail } from '../users/users.ts';

// The approver right is a flag beside the role (separation of duties): a viewer may approve
// promotions, an admin without it may not.

export const setApproverInput = z.object({ projectId: id, email, approver: z.boolean() });

export async function setApprover(db: Db, actor: Actor, raw: z.input<typeof setApproverInput>, requestId?: string): Promise<void> {
  const input = parseInput(setApproverInput, raw);
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    const [member] = user
      ? await tx
          .select({ approver: projectMembers.approver })
          .from(projectMembers)
          .where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, user.id)))
          .for('update')
      : [];
    if (!user || !member) throw new AppError('NOT_FOUND', `${input.email} is not a member of this project; add them first.`);
    if (member.approver === input.approver) return;
    await tx
      .update(projectMembers)
      .set({ approver: input.approver })
      .where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, user.id)));
    await recordAudit(tx, {
      projectId: input.projectId,
      actor,
      action: input.approver ? 'member.grantApprover' : 'member.revokeApprover',
      target: { type: 'user', id: user.id, label: user.email },
      summary: `${input.approver ? 'gave' : 'took'} the approver right ${input.approver ? 'to' : 'from'} ${user.email}`,
      before: { approver: member.approver },
      after: { approver: input.approver },
      requestId,
    });
  });
}

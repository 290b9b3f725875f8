import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { seal, unseal, type SealedField } from '../../crypto/seal.ts';

const where = (applicationId: number): SealedField => ({ table: 'applications', column: 'git_ssh_key_sealed', id: applicationId });

/** Writes (or with null removes) the sealed key of a row that already exists: the seal is bound to its id. */
export async function writeSshKey(tx: DbOrTx, applicationId: number, key: string | null): Promise<void> {
  await tx
    .update(applications)
    .set({ gitSshKeySealed: key === null ? null : seal(key, where(applicationId)) })
    .where(eq(applications.id, applicationId));
}

/**
 * The application's git SSH private key in clear, or null when it has none. For the rollout
 * worker, which puts it in a Secret mounted at /root/.ssh; never for API output or logs.
 */
export async function applicationSshKey(db: DbOrTx, applicationId: number): Promise<string | null> {
  const [row] = await db.select({ sealed: applications.gitSshKeySealed }).from(applications).where(eq(applications.id, applicationId)).limit(1);
  return row?.sealed ? unseal(row.sealed, where(applicationId)) : null;
}

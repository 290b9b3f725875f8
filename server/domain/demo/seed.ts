import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { createProject, findProjectByName } from '../projects/projects.ts';
import { setMember } from '../projects/members.ts';
import { createUser, findUserByEmail, resetPassword } from '../users/users.ts';

export const DEMO_PROJECT = 'demo';
export const DEMO_ADMIN_EMAIL = 'admin@drucker.local';
// A fixed, printed password: the demo runs on a developer's machine against local databases.
export const DEMO_ADMIN_PASSWORD = 'drucker-demo-admin';

export type DemoSeed = { projectId: number; email: string; password: string; created: boolean };

/**
 * Idempotent: creates (or repairs) the demo admin and the demo project. It resets the admin's
 * password to the published one, so on a production database it runs only when forced.
 */
export async function seedDemo(db: Db, options: { production: boolean; force?: boolean }): Promise<DemoSeed> {
  if (options.production && !options.force) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `seed-demo resets the password of ${DEMO_ADMIN_EMAIL} to the published demo password, so it does not run with NODE_ENV=production; pass --force if this really is a demo.`,
    );
  }
  let user = await findUserByEmail(db, DEMO_ADMIN_EMAIL);
  const created = !user;
  if (!user) {
    await createUser(db, { email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', password: DEMO_ADMIN_PASSWORD });
    user = await findUserByEmail(db, DEMO_ADMIN_EMAIL);
  } else {
    await resetPassword(db, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD);
  }
  if (!user) throw new Error('demo admin could not be created');
  const actor: Actor = { type: 'user', userId: user.id, label: user.email };
  const existing = await findProjectByName(db, DEMO_PROJECT);
  const projectId = existing
    ? existing.id
    : (await createProject(db, actor, { name: DEMO_PROJECT, description: 'Demo project with a simulated Kubernetes cluster' })).projectId;
  if (existing) await setMember(db, { type: 'system', label: 'seed-demo' }, { projectId, email: DEMO_ADMIN_EMAIL, role: 'admin' }, { createMissingUsers: false });
  return { projectId, email: DEMO_ADMIN_EMAIL, password: DEMO_ADMIN_PASSWORD, created };
}

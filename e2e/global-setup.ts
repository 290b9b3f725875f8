import { randomBytes } from 'node:crypto';

/**
 * Migrates the test databases and creates this run's two people: an admin who drives the suite
 * and a member to add. Their logins reach the specs through the environment (e2e/users.ts).
 */
export default async function globalSetup(): Promise<void> {
  const { prepareTestDatabases } = await import('../test/databases.ts');
  await prepareTestDatabases();
  const { db, closeDb } = await import('../db/client.ts');
  const { createUser } = await import('../server/domain/users/users.ts');
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const password = `e2e-${randomBytes(12).toString('base64url')}`;
  try {
    const admin = await createUser(db(), { email: `e2e-admin-${run}@example.com`, name: 'Ada Admin', password });
    const member = await createUser(db(), { email: `e2e-member-${run}@example.com`, name: 'Max Member', password });
    process.env.E2E_RUN = run;
    process.env.E2E_ADMIN_EMAIL = admin.email;
    process.env.E2E_MEMBER_EMAIL = member.email;
    process.env.E2E_PASSWORD = password;
  } finally {
    await closeDb();
  }
}

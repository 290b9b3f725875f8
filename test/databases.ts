import { migrateAll } from '../db/migrate.ts';
import { applyTestEnv, testEnv } from './env.ts';

export async function prepareTestDatabases(): Promise<void> {
  applyTestEnv();
  await migrateAll({ mysql: testEnv.DATABASE_URL!, postgres: testEnv.JOBS_DATABASE_URL! });
}

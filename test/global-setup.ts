// Integration tests share one migrated database pair; migrations run once here, not per file.
export default async function setup(): Promise<void> {
  const { prepareTestDatabases } = await import('./databases.ts');
  await prepareTestDatabases();
}

export async function prepareTestDatabases(): Promise<void> {
  // Filled in with the database layer.
}

// Validates the configuration when the server starts, so a bad variable stops it with one clear
// line per problem instead of failing on the first request that needs it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env, EnvError } = await import('./server/env.ts');
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error('drucker: the configuration is invalid:');
    for (const line of error.lines) console.error(`  ${line}`);
    process.exit(1);
  }
}

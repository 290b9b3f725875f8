// Validates the configuration when the server starts, so a bad variable stops it with one clear
// line per problem instead of failing on the first request that needs it. The check lives in a
// Node-only module: instrumentation is also compiled for the Edge runtime, which has no process.exit.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node.ts');
}

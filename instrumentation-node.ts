import { preflight } from './db/preflight.ts';
import { stampClientAddresses } from './server/auth/stamp-client-address.ts';
import { envOrExit } from './server/env.ts';

// Node.js only (see instrumentation.ts): stop at start with one line per bad variable, and with
// one line per database that cannot be reached or is not migrated, rather than failing every page.
const env = envOrExit();
const problems = await preflight({ mysql: env.DATABASE_URL, postgres: env.JOBS_DATABASE_URL });
if (problems.length > 0) {
  for (const problem of problems) console.error(`drucker web: ${problem}`);
  process.exit(1);
}

stampClientAddresses();

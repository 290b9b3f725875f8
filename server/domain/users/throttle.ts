import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { signInThrottles } from '../../../db/schema/users.ts';

// After `maxFailures` wrong passwords for an email, sign-in for it is refused for a while, doubling
// each further failure (30 s, 1 min, 2 min … capped at 15 min). Counting per email, not per IP,
// stops one guesser spreading over addresses; the cap keeps a victim's lock-out short.
const BASE_BLOCK_MS = 30_000;
const MAX_BLOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export class SignInBlockedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many failed sign-ins for this email. Wait ${retryAfterSeconds} seconds, then try again.`);
    this.name = 'SignInBlockedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export async function assertSignInAllowed(db: Db, email: string, now = new Date()): Promise<void> {
  const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.email, email)).limit(1);
  if (row?.blockedUntil && row.blockedUntil > now) {
    throw new SignInBlockedError(Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000));
  }
}

export async function recordSignInFailure(db: Db, email: string, maxFailures: number, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(signInThrottles).where(eq(signInThrottles.email, email)).for('update');
    const stale = !row || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = stale ? 1 : row.failures + 1;
    const over = failures - maxFailures;
    const blockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** over)) : null;
    if (row) {
      await tx.update(signInThrottles).set({ failures, lastFailureAt: now, blockedUntil }).where(eq(signInThrottles.email, email));
    } else {
      await tx.insert(signInThrottles).values({ email, failures, lastFailureAt: now, blockedUntil });
    }
  });
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.email, email));
}

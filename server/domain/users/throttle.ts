import { eq, inArray, sql } from 'drizzle-orm';
import { rowLocksOnly, type Db } from '../../../db/client.ts';
import { signInThrottles } from '../../../db/schema/users.ts';

// Sign-in attempts are counted per email and per client address. Each attempt is *reserved* (counted
// as a failure) before its password is checked, in one transaction holding the rows' locks, so
// parallel guesses cannot all pass a check made before any of them was recorded: at most `max`
// passwords are ever checked before the key is paused. A success gives the reservation back.
// Once over the limit a key is paused, doubling with each further failure (30 s, 1 min … capped
// at 15 min); the cap keeps a victim's lock-out short, and the per-address limit stops one client
// spreading guesses over many emails.
const BASE_BLOCK_MS = 30_000;
const MAX_BLOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export type ThrottleScope = 'email' | 'address';

export class SignInBlockedError extends Error {
  readonly retryAfterSeconds: number;
  readonly scope: ThrottleScope;
  constructor(scope: ThrottleScope, retryAfterSeconds: number) {
    super(
      scope === 'email'
        ? `Too many failed sign-ins for this email. Wait ${retryAfterSeconds} seconds, then try again.`
        : `Too many failed sign-ins from your network address. Wait ${retryAfterSeconds} seconds, then try again.`,
    );
    this.name = 'SignInBlockedError';
    this.scope = scope;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type ThrottleLimits = { perEmail: number; perAddress: number };
/** `address` is null when the client's address is not known: then only the email is counted, since one shared bucket would let anyone pause everyone. */
export type AttemptKeys = { email: string; address: string | null };

const keysOf = (attempt: AttemptKeys) =>
  [
    { scope: 'email' as const, key: `email:${attempt.email}` },
    ...(attempt.address === null ? [] : [{ scope: 'address' as const, key: `address:${attempt.address}` }]),
  ].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order for every transaction, so none deadlock

/**
 * Reserves one attempt for the email and the client address, or throws SignInBlockedError when
 * either is paused (then nothing is counted). Call before checking the password.
 */
export async function reserveSignInAttempt(db: Db, attempt: AttemptKeys, limits: ThrottleLimits, now = new Date()): Promise<void> {
  const keys = keysOf(attempt);
  await withDeadlockRetry(() => db.transaction(async (tx) => {
    for (const { key } of keys) {
      // Creates the row or, when it exists, takes its exclusive lock: parallel attempts queue here.
      await tx
        .insert(signInThrottles)
        .values({ throttleKey: key, failures: 0, lastFailureAt: now, blockedUntil: null })
        .onDuplicateKeyUpdate({ set: { throttleKey: sql`${signInThrottles.throttleKey}` } });
    }
    const rows = await tx
      .select()
      .from(signInThrottles)
      .where(inArray(signInThrottles.throttleKey, keys.map((k) => k.key)))
      .for('update');
    const byKey = new Map(rows.map((row) => [row.throttleKey, row]));
    for (const { scope, key } of keys) {
      const blockedUntil = byKey.get(key)?.blockedUntil;
      if (blockedUntil && blockedUntil > now) throw new SignInBlockedError(scope, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
    }
    for (const { scope, key } of keys) {
      const row = byKey.get(key);
      const stale = !row || row.failures === 0 || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
      const failures = stale ? 1 : row.failures + 1;
      const over = failures - (scope === 'email' ? limits.perEmail : limits.perAddress);
      const blockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** over)) : null;
      await tx.update(signInThrottles).set({ failures, lastFailureAt: now, blockedUntil }).where(eq(signInThrottles.throttleKey, key));
    }
  }, rowLocksOnly));
}

/**
 * After a correct password: the email starts afresh; the address gets its reservation back (and
 * loses a pause only this attempt caused), so signing in to one's own account between guesses at
 * others does not reset the per-address count.
 */
export async function releaseSignInAttempt(db: Db, attempt: AttemptKeys, limits: ThrottleLimits): Promise<void> {
  const address = `address:${attempt.address}`;
  await withDeadlockRetry(() => db.transaction(async (tx) => {
    // The address row first: the same lock order as reserveSignInAttempt's ('address:' < 'email:').
    const [row] = attempt.address === null ? [] : await tx.select().from(signInThrottles).where(eq(signInThrottles.throttleKey, address)).for('update');
    if (row) {
      const failures = Math.max(row.failures - 1, 0);
      const blockedUntil = failures < limits.perAddress ? null : row.blockedUntil;
      await tx.update(signInThrottles).set({ failures, blockedUntil }).where(eq(signInThrottles.throttleKey, address));
    }
    await tx.delete(signInThrottles).where(eq(signInThrottles.throttleKey, `email:${attempt.email}`));
  }, rowLocksOnly));
}

function isDeadlock(error: unknown): boolean {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    if ('errno' in current && current.errno === 1213) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

/**
 * InnoDB may still pick a deadlock victim when two attempts create the same new row at once
 * (insert-intention locks); the victim's transaction was rolled back whole, so running it again is safe.
 */
async function withDeadlockRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 5 || !isDeadlock(error)) throw error;
    }
  }
}

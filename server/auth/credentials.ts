import type { Db } from '../../db/client.ts';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, pausedCode } from '../../lib/sign-in.ts';
import { releaseSignInAttempt, reserveSignInAttempt, SignInBlockedError, type ThrottleLimits } from '../domain/users/throttle.ts';
import { findUserByEmail } from '../domain/users/users.ts';
import { logger } from '../log.ts';
import { decoyHash, verifyPassword } from './password.ts';

export type PasswordSignIn =
  | { ok: true; user: { id: number; email: string; name: string } }
  | { ok: false; code: string };

/**
 * Email and password sign-in. The attempt is reserved with the throttle before the password is
 * checked (see throttle.ts), so parallel guesses are counted too. Failures come back as codes
 * that lib/sign-in.ts describes; nothing here throws for a wrong or paused sign-in.
 */
export async function signInWithPassword(
  db: Db,
  raw: { email: unknown; password: unknown; clientAddress: string | null },
  limits: ThrottleLimits,
): Promise<PasswordSignIn> {
  const { email: rawEmail, password } = raw;
  if (typeof rawEmail !== 'string' || typeof password !== 'string' || !rawEmail || !password) return { ok: false, code: 'CredentialsSignin' };
  const email = rawEmail.trim().toLowerCase();
  // No account has a longer email or password; refused before any lookup, uncounted.
  if (email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) return { ok: false, code: 'CredentialsSignin' };
  const attempt = { email, address: raw.clientAddress };
  try {
    await reserveSignInAttempt(db, attempt, limits);
  } catch (error) {
    if (!(error instanceof SignInBlockedError)) throw error;
    logger.warn('sign-in refused: paused', { email, clientAddress: raw.clientAddress, scope: error.scope });
    return { ok: false, code: pausedCode(error.scope, error.retryAfterSeconds) };
  }
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !user.passwordHash || !ok || user.disabledAt) {
    logger.warn('sign-in failed', { email, clientAddress: raw.clientAddress });
    return { ok: false, code: 'CredentialsSignin' };
  }
  await releaseSignInAttempt(db, attempt, limits);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

import type { Session } from 'next-auth';
import { db } from '../../db/client.ts';
import { getSessionUser, type UserDto } from '../domain/users/users.ts';
import { env } from '../env.ts';

/**
 * The user a next-auth session belongs to, if the session still counts: an enabled account, begun
 * after the last password reset and less than SESSION_MAX_AGE_DAYS ago. Pages and the API both ask here.
 */
export async function userOfSession(session: Session | null): Promise<UserDto | undefined> {
  const userId = Number(session?.user?.id);
  if (!Number.isInteger(userId) || userId <= 0) return undefined;
  return getSessionUser(db(), { userId, authAt: session?.authAt }, env().SESSION_MAX_AGE_DAYS * 86_400_000);
}


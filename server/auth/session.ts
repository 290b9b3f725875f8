import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { db } from '../../db/client.ts';
import { getUser, type UserDto } from '../domain/users/users.ts';
import { authOptions } from './options.ts';

/**
 * For server components: the signed-in user, or a redirect to the sign-in page. Every page calls
 * this itself; a layout's check alone does not protect a page rendered on its own.
 */
export async function requireUser(returnTo: string): Promise<UserDto> {
  const session = await getServerSession(authOptions());
  const userId = Number(session?.user?.id);
  const user = Number.isInteger(userId) && userId > 0 ? await getUser(db(), userId) : undefined;
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

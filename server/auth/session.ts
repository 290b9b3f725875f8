import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import type { UserDto } from '../domain/users/users.ts';
import { authOptions } from './options.ts';
import { userOfSession } from './session-user.ts';

/**
 * The signed-in user, or undefined; never redirects. For layouts, which do not know the page's
 * path: the page's own requireUser(path) sends people to sign-in with the right callbackUrl.
 */
export async function currentUser(): Promise<UserDto | undefined> {
  return userOfSession(await getServerSession(authOptions()));
}

/**
 * For server components: the signed-in user, or a redirect to the sign-in page. Every page calls
 * this itself; a layout's check alone does not protect a page rendered on its own.
 */
export async function requireUser(returnTo: string): Promise<UserDto> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import type { UserDto } from '../../../server/domain/users/users.ts';
import { callerFor } from '../../../server/trpc/server-caller.ts';

/**
 * The project named in the URL, as this user sees it. An id that does not exist and one the user
 * is not a member of both show the not-found page, so project ids reveal nothing.
 */
export async function loadProject(user: UserDto, rawProjectId: string) {
  const projectId = Number(rawProjectId);
  if (!Number.isSafeInteger(projectId) || projectId <= 0) notFound();
  try {
    return await callerFor(user).project.get({ projectId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}

export type ProjectParams = { params: Promise<{ projectId: string }> };

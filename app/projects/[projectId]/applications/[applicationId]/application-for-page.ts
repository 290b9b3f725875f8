import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { callerFor } from '../../../../../server/trpc/server-caller.ts';

/** The application a sub-page of it shows, or the not-found page (a bad id, another project's, no access). */
export async function applicationForPage(user: Parameters<typeof callerFor>[0], projectId: number, raw: string) {
  const applicationId = Number(raw);
  if (!Number.isSafeInteger(applicationId) || applicationId <= 0) notFound();
  try {
    const application = await callerFor(user).application.get({ applicationId });
    if (application.projectId !== projectId) notFound();
    return application;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}

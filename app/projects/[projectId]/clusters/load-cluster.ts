import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import type { UserDto } from '../../../../server/domain/users/users.ts';
import { callerFor } from '../../../../server/trpc/server-caller.ts';

/** The cluster named in the URL, if it belongs to the URL's project and the user may see it. */
export async function loadCluster(user: UserDto, projectId: number, rawClusterId: string) {
  const clusterId = Number(rawClusterId);
  if (!Number.isSafeInteger(clusterId) || clusterId <= 0) notFound();
  try {
    const cluster = await callerFor(user).cluster.get({ clusterId });
    if (cluster.projectId !== projectId) notFound();
    return cluster;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}

export type ClusterParams = { params: Promise<{ projectId: string; clusterId: string }> };

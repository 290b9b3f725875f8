import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import { clusterClient } from '../../kube/client.ts';
import { KubeError } from '../../kube/errors.ts';
import { AppError, parseInput } from '../../errors.ts';
import { findCluster } from '../clusters/read.ts';
import { LABELS } from '../manifests/labels.ts';
import { id } from '../names.ts';
import { getService } from './queries.ts';

export const serviceLogsInput = z.object({
  serviceId: id,
  /** A pod of the service; the newest one when omitted. */
  pod: z.string().max(253).optional(),
  tailLines: z.number().int().min(1).max(2000).default(200),
});

export const serviceLogsOutput = z.object({
  pods: z.array(z.object({ name: z.string(), phase: z.string(), createdAt: z.string().nullable() })),
  pod: z.string().nullable(),
  text: z.string(),
});

/** The last lines of a pod's log, read from the cluster (a short read; nothing is stored). */
export async function serviceLogs(db: DbOrTx, projectId: number, raw: z.input<typeof serviceLogsInput>, signal?: AbortSignal): Promise<z.infer<typeof serviceLogsOutput>> {
  const input = parseInput(serviceLogsInput, raw);
  const service = await getService(db, projectId, input.serviceId);
  const cluster = service.clusterId === null ? undefined : await findCluster(db, projectId, service.clusterId);
  if (!cluster || service.deletedAt) throw new AppError('PRECONDITION_FAILED', 'The service no longer runs on a cluster, so it has no pods to read logs from.');
  const client = clusterClient(cluster);
  const timeout = AbortSignal.any([AbortSignal.timeout(15_000), ...(signal ? [signal] : [])]);
  try {
    const pods = (await client.listPods(service.namespace, `${LABELS.serviceId}=${service.id}`, { signal: timeout }))
      .map((pod) => ({ name: pod.metadata?.name ?? '', phase: pod.status?.phase ?? 'Unknown', createdAt: pod.metadata?.creationTimestamp ?? null }))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    const pod = input.pod ?? pods[0]?.name ?? null;
    if (input.pod && !pods.some((p) => p.name === input.pod)) throw new AppError('NOT_FOUND', `Pod ${input.pod} is not a pod of this service (any more).`);
    const text = pod ? await client.podLog(service.namespace, pod, { tailLines: input.tailLines, signal: timeout }) : '';
    return { pods, pod, text };
  } catch (error) {
    if (error instanceof KubeError) throw new AppError('UNAVAILABLE', `Could not read the log from cluster ${cluster.name}: ${error.message}`);
    throw error;
  }
}

'use client';

import { useQuery } from '@tanstack/react-query';
import { LiveProgress } from '../rollouts/live-progress.tsx';
import { currentRollout, RolloutTimeline } from '../rollouts/rollout-timeline.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { PodLogs } from './pod-logs.tsx';
import { ServiceActions } from './service-actions.tsx';
import type { ClusterChoice } from './service-dialog.tsx';
import { ServiceSummary } from './service-summary.tsx';
import { useLiveServices } from './use-live-services.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Service = RouterOutputs['service']['get'];
type Rollout = RouterOutputs['rollout']['list'][number];

/** The service page's body: header, live progress, history with diffs and rollback, pod log. Live. */
export function ServiceView({
  initialService,
  initialRollouts,
  clusters,
  canEdit,
}: {
  initialService: Service;
  initialRollouts: Rollout[];
  clusters: ClusterChoice[];
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const serviceId = initialService.id;
  useLiveServices(initialService.applicationId, serviceId);
  const { data: service } = useQuery({ ...trpc.service.get.queryOptions({ serviceId }), initialData: initialService });
  const { data: rollouts } = useQuery({ ...trpc.rollout.list.queryOptions({ serviceId }), initialData: initialRollouts });
  // The one running, else the next to run, else the last that ran (a cancelled one never touched the cluster).
  const live = rollouts.find((r) => r.status === 'running') ?? rollouts.find((r) => r.status === 'queued') ?? currentRollout(rollouts) ?? rollouts[0] ?? null;
  return (
    <>
      <PageHeader
        title={service.displayName}
        description={`${service.applicationName} · ${service.level}`}
        actions={canEdit ? <ServiceActions service={service} clusters={clusters} size="md" /> : null}
      />
      <div className="space-y-6">
        <ServiceSummary service={service} live={live?.progressDetail} />
        <LiveProgress rollout={live} />
        <RolloutTimeline serviceId={serviceId} rollouts={rollouts} canEdit={canEdit && service.deletedAt === null} />
        {service.deletedAt === null ? <PodLogs serviceId={serviceId} /> : null}
      </div>
    </>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import { Card, CardHeader } from '../ui/card.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Item } from './cluster-details.tsx';
import { HealthBadge } from './health-badge.tsx';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

// The worker checks every minute; the card follows without a reload.
const REFRESH_MS = 15_000;

export function ClusterHealthCard({ initial }: { initial: RouterOutputs['cluster']['get'] }) {
  const trpc = useTRPC();
  const { data: cluster } = useQuery({ ...trpc.cluster.get.queryOptions({ clusterId: initial.id }), initialData: initial, refetchInterval: REFRESH_MS });
  return (
    <Card>
      <CardHeader title="Health" description="Checked every minute by the worker: the API answers, and the kubeconfig may do everything Drucker needs." />
      <dl className="grid gap-5 px-5 py-4 sm:grid-cols-4">
        <Item label="Status">
          <HealthBadge health={cluster.health} />
        </Item>
        <Item label="Kubernetes">{cluster.kubernetesVersion ?? '—'}</Item>
        <Item label="Last checked">{cluster.lastCheckedAt ? <RelativeTime iso={cluster.lastCheckedAt} /> : 'never'}</Item>
        <Item label="Last healthy">{cluster.lastHealthyAt ? <RelativeTime iso={cluster.lastHealthyAt} /> : 'never'}</Item>
      </dl>
      {cluster.lastError ? (
        <p className="mx-5 mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="status">
          {cluster.lastError}
        </p>
      ) : null}
    </Card>
  );
}

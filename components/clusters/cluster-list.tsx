'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '../ui/card.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table.tsx';
import { HealthBadge } from './health-badge.tsx';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Cluster = RouterOutputs['cluster']['list'][number];

// The health job checks every cluster each minute; the list follows it without a reload.
const REFRESH_MS = 15_000;

export function ClusterList({ projectId, initialClusters }: { projectId: number; initialClusters: Cluster[] }) {
  const trpc = useTRPC();
  const clusters = useQuery({ ...trpc.cluster.list.queryOptions({ projectId }), initialData: initialClusters, refetchInterval: REFRESH_MS });
  return (
    <Card>
      <Table aria-label="Clusters">
        <THead>
          <TR>
            <TH>Cluster</TH>
            <TH>Health</TH>
            <TH>Kubernetes</TH>
            <TH>Checked</TH>
            <TH className="text-right">Services</TH>
          </TR>
        </THead>
        <TBody>
          {clusters.data.map((c) => (
            <TR key={c.id}>
              <TD>
                <Link href={`/projects/${projectId}/clusters/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {c.name}
                </Link>
                <div className="max-w-md truncate text-xs text-slate-500" title={c.apiServerUrl}>
                  {c.apiServerUrl} · {c.dnsName}
                </div>
              </TD>
              <TD>
                <HealthBadge health={c.health} />
                {c.health !== 'healthy' && c.lastError ? (
                  <div className="mt-1 max-w-xs truncate text-xs text-red-600" title={c.lastError}>
                    {c.lastError}
                  </div>
                ) : null}
              </TD>
              <TD className="whitespace-nowrap">{c.kubernetesVersion ?? '—'}</TD>
              <TD className="whitespace-nowrap text-slate-500">{c.lastCheckedAt ? <RelativeTime iso={c.lastCheckedAt} /> : 'never'}</TD>
              <TD className="text-right tabular-nums">{c.serviceCount}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

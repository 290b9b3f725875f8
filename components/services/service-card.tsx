import type { ReactNode } from 'react';
import { ArrowRight, Globe } from 'lucide-react';
import Link from 'next/link';
import { LastRollout } from '../rollouts/last-rollout.tsx';
import { Card } from '../ui/card.tsx';
import { ServiceActions } from './service-actions.tsx';
import type { ClusterChoice } from './service-dialog.tsx';
import { ServiceStatusBadge, statusStripe } from './status-badge.tsx';
import { cn } from '../../lib/cn.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Service = RouterOutputs['service']['list'][number];

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 items-baseline gap-2 text-sm">
      <dt className="w-20 shrink-0 text-xs text-slate-500">{label}</dt>
      <dd className="min-w-0 truncate text-slate-800">{children}</dd>
    </div>
  );
}

/** One service at its level: status colour, image, replicas, host, model, last rollout, actions. */
export function ServiceCard({ service, href, clusters, canEdit }: { service: Service; href: string; clusters: ClusterChoice[]; canEdit: boolean }) {
  const replicas = service.replicas;
  const desired = service.spec.minReplicas !== undefined ? `${service.spec.minReplicas}–${service.spec.maxReplicas}` : String(service.spec.replicas);
  return (
    <Card className="relative flex flex-col overflow-hidden" aria-label={`Service ${service.displayName}`} role="group">
      <span className={cn('absolute inset-y-0 left-0 w-1', statusStripe[service.status])} aria-hidden />
      <div className="flex items-start justify-between gap-3 px-5 pt-4">
        <div className="min-w-0">
          <Link href={href} className="block truncate font-semibold text-slate-900 hover:text-brand-700 hover:underline">
            {service.displayName}
          </Link>
          <div className="truncate font-mono text-xs text-slate-500">{service.k8sName}</div>
        </div>
        <ServiceStatusBadge status={service.status} />
      </div>
      <dl className="mt-3 space-y-1.5 px-5">
        <Line label="Image">
          <code className="text-xs" title={service.spec.image}>
            {service.spec.image}
          </code>
        </Line>
        <Line label="Replicas">
          <span className="tabular-nums">
            {replicas ? `${replicas.ready}/${replicas.desired} ready` : `— / ${desired}`}
          </span>
          {service.spec.minReplicas !== undefined ? <span className="text-xs text-slate-500"> · autoscaling {desired}</span> : null}
        </Line>
        <Line label="Host">
          {service.host ? (
            <span className="inline-flex items-center gap-1" title={service.host}>
              <Globe className="h-3.5 w-3.5 shrink-0 text-slate-400" aria-hidden />
              <span className="truncate text-xs">{service.host}</span>
            </span>
          ) : (
            <span className="text-slate-400">—</span>
          )}
        </Line>
        <Line label="Model">{service.currentModel ? `${service.currentModel.name} ${service.currentModel.version}` : <span className="text-slate-400">none</span>}</Line>
        <Line label="Cluster">{service.clusterName ?? <span className="text-slate-400">removed</span>}</Line>
      </dl>
      <div className="mx-5 mt-3 border-t border-slate-100 pt-3">
        <LastRollout rollout={service.lastRollout} />
      </div>
      <div className="mt-auto flex flex-wrap items-center gap-1.5 px-4 pt-3 pb-3">
        {canEdit ? <ServiceActions service={service} clusters={clusters} rollback /> : null}
        <Link href={href} className="ml-auto inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50" aria-label={`Open ${service.displayName}`}>
          Open
          <ArrowRight className="h-4 w-4" aria-hidden />
        </Link>
      </div>
    </Card>
  );
}

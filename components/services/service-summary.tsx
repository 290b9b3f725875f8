import type { ReactNode } from 'react';
import { Badge } from '../ui/badge.tsx';
import { Card } from '../ui/card.tsx';
import { levelLabels, levelTones } from './levels.ts';
import { ServiceStatusBadge } from './status-badge.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Service = RouterOutputs['service']['get'];
type Detail = NonNullable<RouterOutputs['rollout']['list'][number]['progressDetail']>;

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm [overflow-wrap:anywhere] text-slate-800">{children}</dd>
    </div>
  );
}

/** Where the service runs and what it runs: the service page's header card. */
export function ServiceSummary({ service, live }: { service: Service; live?: Detail | null }) {
  const spec = service.spec;
  // The service's counts come from its newest rollout, which has none while it waits behind a running one.
  const replicas = service.replicas ?? live ?? null;
  return (
    <Card className="px-5 py-4">
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <ServiceStatusBadge status={service.status} />
        <Badge tone={levelTones[service.level]}>{levelLabels[service.level]}</Badge>
        {service.autoRollback ? <Badge tone="blue">auto-rollback</Badge> : null}
        {service.description ? <span className="text-sm text-slate-500">{service.description}</span> : null}
      </div>
      <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
        <Item label="Host">{service.host ?? '—'}</Item>
        <Item label="Level host">{service.levelHost ?? '—'}</Item>
        <Item label="Kubernetes name">
          <code className="text-xs">{service.k8sName}</code>
        </Item>
        <Item label="Namespace">
          <code className="text-xs">{service.namespace}</code> on {service.clusterName ?? 'a removed cluster'}
        </Item>
        <Item label="Image">
          <code className="text-xs" title={spec.image}>
            {spec.image}
          </code>
        </Item>
        <Item label="Replicas">
          {replicas ? `${replicas.ready}/${replicas.desired} ready` : '—'}
          {spec.minReplicas !== undefined ? ` · autoscaling ${spec.minReplicas}–${spec.maxReplicas} at ${spec.cpuThreshold ?? 80}% CPU` : ''}
        </Item>
        <Item label="Resources">
          {spec.cpuRequest}
          {spec.cpuLimit ? `/${spec.cpuLimit}` : ''} CPU · {spec.memoryRequest}
          {spec.memoryLimit ? `/${spec.memoryLimit}` : ''}
        </Item>
        <Item label="Model">{service.currentModel ? `${service.currentModel.name} ${service.currentModel.version}` : 'none'}</Item>
        <Item label="Memo">{spec.memo || '—'}</Item>
        <Item label="Strategy">
          {spec.strategy === 'Recreate' ? 'Recreate' : `Rolling, surge ${spec.maxSurge}, unavailable ${spec.maxUnavailable}`}
        </Item>
        <Item label="Wait / deadline">
          {spec.minReadySeconds} s / {spec.progressDeadlineSeconds} s
        </Item>
        <Item label="Environment">{spec.env.length === 0 ? 'none' : spec.env.map((e) => e.name).join(', ')}</Item>
      </dl>
    </Card>
  );
}

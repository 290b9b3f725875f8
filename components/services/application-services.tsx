'use client';

import { useQuery } from '@tanstack/react-query';
import { Layers, Plus, Server } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { levelLabels, levels, levelTones, type Level } from './levels.ts';
import { ServiceCard } from './service-card.tsx';
import { ServiceDialog, type ClusterChoice } from './service-dialog.tsx';
import { useLiveServices } from './use-live-services.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Service = RouterOutputs['service']['list'][number];

/**
 * The application page's services, grouped by level as the original showed them; several services
 * at one level (an A/B test) sit side by side. Follows rollouts live.
 */
export function ApplicationServices({
  projectId,
  applicationId,
  canEdit,
  clusters,
  initialServices,
}: {
  projectId: number;
  applicationId: number;
  canEdit: boolean;
  clusters: ClusterChoice[];
  initialServices: Service[];
}) {
  const trpc = useTRPC();
  useLiveServices(applicationId);
  const { data: services } = useQuery({ ...trpc.service.list.queryOptions({ applicationId }), initialData: initialServices });
  const [adding, setAdding] = useState<Level | null>(null);
  const href = (s: Service) => `/projects/${projectId}/applications/${applicationId}/services/${s.id}`;
  const addButton = (level: Level, label = 'Add service', variant: 'primary' | 'secondary' = 'primary') =>
    canEdit && clusters.length > 0 ? (
      <Button variant={variant} size={variant === 'primary' ? 'md' : 'sm'} onClick={() => setAdding(level)}>
        <Plus className="h-4 w-4" aria-hidden />
        {label}
      </Button>
    ) : null;

  const dialog = (
    <ServiceDialog key={adding ?? 'closed'} applicationId={applicationId} clusters={clusters} defaultLevel={adding ?? 'development'} open={adding !== null} onOpenChange={(o) => !o && setAdding(null)} />
  );

  if (services.length === 0) {
    return (
      <Card className="mt-6">
        <EmptyState icon={Layers} title="No services yet" action={clusters.length > 0 ? addButton('development') : null}>
          {clusters.length === 0 ? (
            <>
              A service runs this application&apos;s model server on a cluster. First{' '}
              <Link className="font-medium text-brand-700 hover:underline" href={`/projects/${projectId}/clusters`}>
                add a cluster
              </Link>{' '}
              by uploading its kubeconfig{canEdit ? '' : ' (admins do)'}, then add a service at a level.
            </>
          ) : canEdit ? (
            'Deploy the model server at a level (development, beta, staging, production). Add several at one level to A/B test them: they share the level’s host.'
          ) : (
            'Editors deploy services; they will show here by level.'
          )}
        </EmptyState>
        {dialog}
      </Card>
    );
  }

  return (
    <div className="mt-6 space-y-6">
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold text-slate-900">Services</h2>
        {addButton('development')}
      </div>
      {levels.map((level) => {
        const atLevel = services.filter((s) => s.level === level);
        return (
          <section key={level} aria-label={`${levelLabels[level]} services`}>
            <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 className="text-sm font-semibold text-slate-800">{levelLabels[level]}</h3>
              <Badge tone={levelTones[level]}>{atLevel.length === 1 ? '1 service' : `${atLevel.length} services`}</Badge>
              {atLevel.length > 1 ? <Badge tone="violet">A/B</Badge> : null}
              {atLevel[0]?.levelHost ? (
                <span className="inline-flex items-center gap-1 text-xs text-slate-500" title="Every service of this level answers here">
                  <Server className="h-3.5 w-3.5" aria-hidden />
                  {atLevel[0].levelHost}
                </span>
              ) : null}
              <span className="ml-auto">{atLevel.length > 0 ? addButton(level, `Add at ${level}`, 'secondary') : null}</span>
            </div>
            {atLevel.length === 0 ? (
              <div className="flex items-center justify-between rounded-xl border border-dashed border-slate-200 px-5 py-3 text-sm text-slate-400">
                <span>Nothing at {level}.</span>
                {addButton(level, `Add at ${level}`, 'secondary')}
              </div>
            ) : (
              <div className="grid gap-4 lg:grid-cols-2">
                {atLevel.map((s) => (
                  <ServiceCard key={s.id} service={s} href={href(s)} clusters={clusters} canEdit={canEdit} />
                ))}
              </div>
            )}
          </section>
        );
      })}
      {dialog}
    </div>
  );
}

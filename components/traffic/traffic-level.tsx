'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Split, Undo2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader } from '../ui/card.tsx';
import { Input } from '../ui/input.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { evenSplit, rebalance } from './rebalance.ts';

type Routing = RouterOutputs['routing']['get'];

const statusTone: Record<string, BadgeTone> = { queued: 'neutral', running: 'blue', succeeded: 'green', failed: 'red', cancelled: 'neutral', superseded: 'neutral' };

function startingWeights(routing: Routing): number[] {
  const given = routing.services.map((s) => s.weight);
  return given.every((w) => w !== null) && given.reduce<number>((a, b) => a + (b ?? 0), 0) === 100 ? (given) : evenSplit(routing.services.length);
}

function splitText(routing: Routing, weights: { serviceId: number; weight: number }[]): string {
  const names = new Map(routing.services.map((s) => [s.serviceId, s.displayName]));
  return weights.map((w) => `${names.get(w.serviceId) ?? `#${w.serviceId}`} ${w.weight}%`).join(' · ');
}

/**
 * One level's traffic: sliders per service that always add up to 100, the percent each gets
 * shown before saving, and the level's weight history with rollback. Without a traffic router the
 * level host splits by ready pods, and the card says so instead of offering weights.
 */
export function TrafficLevel({ applicationId, level, canEdit }: { applicationId: number; level: 'development' | 'beta' | 'staging' | 'production'; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...trpc.routing.get.queryOptions({ applicationId, level }),
    // While a change is being applied, follow it.
    refetchInterval: (q) => (q.state.data?.history.some((h) => h.status === 'queued' || h.status === 'running') ? 1000 : false),
  });
  const routing = query.data;
  const [weights, setWeights] = useState<number[] | null>(null);
  const [reason, setReason] = useState('');
  const desiredKey = JSON.stringify(routing?.desired ?? null) + (routing?.services.map((s) => s.serviceId).join(',') ?? '');
  useEffect(() => {
    if (routing) setWeights(startingWeights(routing));
    // Reset when what the level asks for changes (a save, a rollback, a new service), not on every poll.
  }, [desiredKey]);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.routing.get.queryKey({ applicationId, level }) });
  const save = useMutation(
    trpc.routing.setWeights.mutationOptions({
      onSuccess: ({ rolloutId }) => {
        toast.success(`Traffic change started (rollout ${rolloutId})`);
        setReason('');
        return invalidate();
      },
    }),
  );
  const rollback = useMutation(
    trpc.routing.rollback.mutationOptions({
      onSuccess: ({ rolloutId }) => {
        toast.success(`Rolling the ${level} traffic back (rollout ${rolloutId})`);
        return invalidate();
      },
    }),
  );

  const title = <span className="capitalize">{level}</span>;
  if (!routing || !weights) {
    return (
      <Card>
        <CardHeader title={title} />
        <CardBody className="flex items-center gap-2 text-sm text-slate-500">
          {query.error ? <span role="alert">{errorMessage(query.error)}</span> : <Spinner />}
        </CardBody>
      </Card>
    );
  }

  const current = routing.desired ? new Map(routing.desired.map((w) => [w.serviceId, w.weight])) : null;
  const changed = routing.services.some((s, i) => (current?.get(s.serviceId) ?? null) !== weights[i]);
  const total = weights.reduce((a, b) => a + b, 0);
  const routerName = routing.router === 'gateway-api' ? 'Gateway API HTTPRoute' : routing.router === 'istio' ? 'Istio VirtualService' : null;

  return (
    <Card aria-label={`${level} traffic`}>
      <CardHeader
        title={title}
        description={
          <>
            {routing.host ? <code className="text-xs">{routing.host}</code> : null}
            {routerName ? <span> · weighted by a {routerName}{routing.cluster ? ` on ${routing.cluster.name}` : ''}</span> : null}
          </>
        }
      />
      <CardBody className="space-y-4">
        {!routing.problem && routing.services.length === 1 ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600" role="note">
            {routing.services[0]?.displayName} is the only service at this level: it gets all of the level’s traffic. Add a second service to split it.
          </p>
        ) : routing.problem ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600" role="note">
            {routing.problem}
            {routing.router === 'none' ? ' Choose a traffic router (Gateway API or Istio) in the cluster’s settings to set weights in percent.' : ''}
          </p>
        ) : (
          <form
            className="space-y-3"
            aria-label={`${level} weights`}
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate({ applicationId, level, weights: routing.services.map((s, i) => ({ serviceId: s.serviceId, weight: weights[i] ?? 0 })), reason: reason.trim() || undefined });
            }}
          >
            {routing.services.map((service, i) => {
              const id = `weight-${level}-${service.serviceId}`;
              const was = current?.get(service.serviceId);
              return (
                <div key={service.serviceId} className="grid items-center gap-3 sm:grid-cols-[12rem_1fr_5rem_8rem]">
                  <label htmlFor={id} className="truncate text-sm font-medium text-slate-800" title={service.k8sName}>
                    {service.displayName}
                  </label>
                  <input
                    id={id}
                    type="range"
                    min={0}
                    max={100}
                    step={1}
                    value={weights[i] ?? 0}
                    disabled={!canEdit}
                    onChange={(e) => setWeights(rebalance(weights, i, Number(e.target.value)))}
                    className="w-full accent-brand-600"
                    aria-valuetext={`${weights[i] ?? 0} percent`}
                  />
                  <Input
                    type="number"
                    min={0}
                    max={100}
                    aria-label={`Percent for ${service.displayName}`}
                    value={weights[i] ?? 0}
                    disabled={!canEdit}
                    onChange={(e) => setWeights(rebalance(weights, i, Number(e.target.value)))}
                    className="h-8 text-right tabular-nums"
                  />
                  <span className="text-xs text-slate-500 tabular-nums" data-testid={`result-${service.serviceId}`}>
                    {was === undefined ? `${weights[i]}% (not set yet)` : was === weights[i] ? `now ${was}%` : `${was}% → ${weights[i]}%`}
                  </span>
                </div>
              );
            })}
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-3">
              <p className="text-sm text-slate-600" aria-live="polite">
                Total <strong className="tabular-nums">{total}%</strong> · {routing.services.map((s, i) => `${s.displayName} ${weights[i]}%`).join(' · ')}
              </p>
              {canEdit ? (
                <div className="flex items-center gap-2">
                  <Input aria-label={`Reason for the ${level} change`} placeholder="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} className="h-9 w-56" />
                  <Button type="submit" loading={save.isPending} disabled={!changed || total !== 100}>
                    <Split className="h-4 w-4" aria-hidden />
                    Save weights
                  </Button>
                </div>
              ) : null}
            </div>
            {save.error ? (
              <p role="alert" className="text-sm text-red-600">
                {errorMessage(save.error)}
              </p>
            ) : null}
          </form>
        )}

        {routing.history.length ? (
          <div>
            <h3 className="mb-2 text-xs font-medium tracking-wide text-slate-500 uppercase">Weight history</h3>
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {routing.history.map((h, index) => {
                // A split equal to the one the level asks for now has nothing to roll back to.
                const isCurrent =
                  routing.history.findIndex((x) => x.status !== 'cancelled' && x.status !== 'superseded') === index ||
                  splitText(routing, h.weights) === splitText(routing, routing.desired ?? []);
                return (
                  <li key={h.rolloutId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm" aria-label={`Traffic rollout ${h.rolloutId}`}>
                    <div className="min-w-0">
                      <div className="flex items-center gap-2">
                        <Badge tone={statusTone[h.status] ?? 'neutral'} dot>
                          {h.status}
                        </Badge>
                        <span className="font-medium text-slate-800">{splitText(routing, h.weights)}</span>
                        {h.kind === 'rollback' ? <Badge tone="violet">rollback</Badge> : null}
                      </div>
                      <div className="mt-0.5 text-xs text-slate-500">
                        <RelativeTime iso={h.createdAt} /> by {h.actor}
                        {h.reason ? ` — ${h.reason}` : ''}
                        {h.error ? <span className="text-red-600"> — {h.error}</span> : null}
                      </div>
                    </div>
                    {canEdit && h.status === 'succeeded' && !isCurrent ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        loading={rollback.isPending && rollback.variables?.toRolloutId === h.rolloutId}
                        onClick={() => rollback.mutate({ applicationId, level, toRolloutId: h.rolloutId, reason: `back to ${splitText(routing, h.weights)}` })}
                      >
                        <Undo2 className="h-3.5 w-3.5" aria-hidden />
                        Roll back to this
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {rollback.error ? (
              <p role="alert" className="mt-2 text-sm text-red-600">
                {errorMessage(rollback.error)}
              </p>
            ) : null}
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}

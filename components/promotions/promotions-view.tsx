'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarClock, Pin } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PolicyCard } from './policy-card.tsx';
import { PolicyForm, type ServiceChoice } from './policy-form.tsx';

/** An application's promotion policies with their runs, the form for a new one, and the pins. */
export function PromotionsView({ applicationId, services, isAdmin, canApprove }: { applicationId: number; services: ServiceChoice[]; isAdmin: boolean; canApprove: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policies = useQuery({ ...trpc.promotion.list.queryOptions({ applicationId }), refetchInterval: 10_000 });
  const pins = useQuery(trpc.promotion.pins.queryOptions({ applicationId }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.promotion.list.queryKey({ applicationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.promotion.runs.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.promotion.pins.queryKey({ applicationId }) }),
    ]);
  const unpin = useMutation(trpc.promotion.unpin.mutationOptions({ onSuccess: () => (toast.success('Unpinned: policies may promote that model again'), refresh()) }));

  return (
    <div className="space-y-5">
      {policies.data?.length === 0 ? (
        <Card>
          <EmptyState icon={CalendarClock} title="No promotion policies yet">
            A policy promotes the model a source service has proven to a target, on a schedule and behind gates.
            {isAdmin ? ' Create one below.' : ' A project admin can create one.'}
          </EmptyState>
        </Card>
      ) : null}
      {policies.error ? <p role="alert">{errorMessage(policies.error)}</p> : null}
      {policies.data?.map((policy) => <PolicyCard key={policy.id} policy={policy} isAdmin={isAdmin} canApprove={canApprove} onChanged={() => void refresh()} />)}
      {isAdmin && services.length >= 2 ? <PolicyForm applicationId={applicationId} services={services} onCreated={() => void refresh()} /> : null}
      {pins.data?.length ? (
        <Card>
          <CardHeader title="Pinned models" description="Rolled back on a service: no policy promotes them there until unpinned." />
          <ul className="divide-y divide-slate-100">
            {pins.data.map((pin) => (
              <li key={`${pin.serviceId}-${pin.modelId}`} className="flex flex-wrap items-center justify-between gap-3 px-5 py-2.5 text-sm">
                <span className="flex items-center gap-2">
                  <Pin className="h-3.5 w-3.5 text-slate-400" aria-hidden />
                  <strong>{pin.model ? `${pin.model.name} ${pin.model.version}` : `model ${pin.modelId}`}</strong> on {pin.serviceName}
                  <span className="text-xs text-slate-500">
                    by {pin.pinnedBy} <RelativeTime iso={pin.pinnedAt} />
                    {pin.reason ? ` — ${pin.reason}` : ''}
                  </span>
                </span>
                {isAdmin ? (
                  <Button size="sm" variant="secondary" loading={unpin.isPending} onClick={() => unpin.mutate({ serviceId: pin.serviceId, modelId: pin.modelId })}>
                    Unpin
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

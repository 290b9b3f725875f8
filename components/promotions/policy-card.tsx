'use client';

import { useMutation } from '@tanstack/react-query';
import { ArrowRight, Pause, Play, Trash2, Zap } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatFull } from '../../lib/time.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { RunList } from './run-list.tsx';

type Policy = RouterOutputs['promotion']['list'][number];

function Gate({ children }: { children: ReactNode }) {
  return <li className="rounded-md bg-slate-50 px-2 py-1 text-xs text-slate-700 ring-1 ring-slate-200 ring-inset">{children}</li>;
}

/** One policy: where it promotes, when (in words and as a time), its gates, its actions and its runs. */
export function PolicyCard({ policy, isAdmin, canApprove, onChanged }: { policy: Policy; isAdmin: boolean; canApprove: boolean; onChanged: () => void }) {
  const trpc = useTRPC();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const runNow = useMutation(
    trpc.promotion.runNow.mutationOptions({
      onSuccess: (run) => {
        toast.success(`Run #${run.runId}: ${run.status.replace('_', ' ')} — ${run.reason}`);
        onChanged();
      },
    }),
  );
  const pause = useMutation(trpc.promotion.pause.mutationOptions({ onSuccess: (_, input) => (toast.success(input.paused === false ? 'Policy resumed' : 'Policy paused'), onChanged()) }));
  const remove = useMutation(trpc.promotion.delete.mutationOptions({ onSuccess: () => (toast.success(`Policy ${policy.name} deleted`), setConfirmDelete(false), onChanged()) }));
  const error = runNow.error ?? pause.error;

  return (
    <Card aria-label={`Policy ${policy.name}`}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base font-semibold text-slate-900">{policy.name}</h2>
            {policy.enabled ? <Badge tone="green">active</Badge> : <Badge tone="amber">paused</Badge>}
          </div>
          <p className="mt-1 flex flex-wrap items-center gap-1.5 text-sm text-slate-600">
            {policy.source.displayName} <span className="text-slate-400">({policy.source.level})</span>
            <ArrowRight className="h-3.5 w-3.5 text-slate-400" aria-label="to" />
            {policy.target.displayName} <span className="text-slate-400">({policy.target.level})</span>
          </p>
          <p className="mt-1 text-sm text-slate-800">
            <span className="font-medium">{policy.scheduleText}</span>
            {policy.nextRunAt ? (
              <span className="text-slate-500">
                {' '}
                · next run <RelativeTime iso={policy.nextRunAt} /> ({formatFull(policy.nextRunAt)})
              </span>
            ) : (
              <span className="text-slate-500"> · paused, no next run</span>
            )}
          </p>
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Gates">
            <Gate>soak {policy.minMinutesRunning} min</Gate>
            <Gate>{policy.requireHealthy ? 'source healthy' : 'health not checked'}</Gate>
            <Gate>{policy.requiredApprovals ? `${policy.requiredApprovals} approval${policy.requiredApprovals === 1 ? '' : 's'}` : 'no approvals'}</Gate>
            <Gate>{policy.windowText ? `only ${policy.windowText}` : 'any time'}</Gate>
          </ul>
        </div>
        {isAdmin ? (
          <div className="flex items-center gap-2">
            <Button size="sm" variant="secondary" loading={runNow.isPending} onClick={() => runNow.mutate({ policyId: policy.id })}>
              <Zap className="h-3.5 w-3.5" aria-hidden />
              Run now
            </Button>
            <Button size="sm" variant="ghost" loading={pause.isPending} onClick={() => pause.mutate({ policyId: policy.id, paused: policy.enabled })}>
              {policy.enabled ? <Pause className="h-3.5 w-3.5" aria-hidden /> : <Play className="h-3.5 w-3.5" aria-hidden />}
              {policy.enabled ? 'Pause' : 'Resume'}
            </Button>
            <Button size="sm" variant="danger-ghost" aria-label={`Delete policy ${policy.name}`} onClick={() => setConfirmDelete(true)}>
              <Trash2 className="h-3.5 w-3.5" aria-hidden />
            </Button>
          </div>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="px-5 pt-3 text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
      <RunList policyId={policy.id} canApprove={canApprove} onDecided={onChanged} />
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete policy ${policy.name}?`}
        confirmLabel="Delete policy"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ policyId: policy.id })}
      >
        Its runs go with it; the audit log keeps what it did. Services are not changed.
        {remove.error ? <span className="mt-2 block text-red-600">{errorMessage(remove.error)}</span> : null}
      </ConfirmDialog>
    </Card>
  );
}

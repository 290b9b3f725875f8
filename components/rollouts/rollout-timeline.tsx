'use client';

import { useMutation } from '@tanstack/react-query';
import { FileDiff, Undo2, X } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table.tsx';
import { DiffDialog } from './diff-dialog.tsx';
import { RollbackDialog } from './rollback-dialog.tsx';
import { formatDuration, kindLabels, RolloutStatusBadge, type Rollout } from './status-badge.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useRereadServices } from '../services/use-live-services.ts';

/** What the service asks for now: the newest rollout that was not cancelled or superseded. */
export function currentRollout(rollouts: Rollout[]): Rollout | undefined {
  return rollouts.find((r) => r.status !== 'cancelled' && r.status !== 'superseded');
}

/**
 * Every rollout of a service, newest first: revision, kind, status, who and why, how long, the
 * Deployment's own revision; each with its diff, rollback to it (when it succeeded), and cancel
 * while queued.
 */
export function RolloutTimeline({ serviceId, rollouts, canEdit }: { serviceId: number; rollouts: Rollout[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const reread = useRereadServices();
  const [diffOf, setDiffOf] = useState<Rollout | null>(null);
  const [rollbackTo, setRollbackTo] = useState<Rollout | null>(null);
  const cancel = useMutation(
    trpc.rollout.cancel.mutationOptions({
      onSuccess: (_ok, input) => {
        toast.success(`Rollout ${rollouts.find((r) => r.id === input.rolloutId)?.revision ?? input.rolloutId} cancelled`);
        reread();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const current = currentRollout(rollouts);
  return (
    <Card>
      <CardHeader title="History" description="Every change is a rollout. Compare any two revisions, or roll back to one that succeeded." />
      <Table aria-label="Rollouts">
        <THead>
          <TR>
            <TH>Rev</TH>
            <TH>Change</TH>
            <TH>Status</TH>
            <TH>By</TH>
            <TH>When</TH>
            <TH>Took</TH>
            <TH title="The Deployment's own revision">K8s rev</TH>
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {rollouts.map((r) => (
            <TR key={r.id} aria-label={`Revision ${r.revision}`}>
              <TD className="font-medium text-slate-900 tabular-nums">{r.revision}</TD>
              <TD className="max-w-xs">
                <div>{kindLabels[r.kind]}</div>
                {r.reason ? <div className="truncate text-xs text-slate-500" title={r.reason}>{r.reason}</div> : null}
                {r.status === 'failed' && r.error ? <div className="line-clamp-2 text-xs text-red-700" title={r.error}>{r.error}</div> : null}
              </TD>
              <TD>
                <RolloutStatusBadge status={r.status} />
                {r === current && r.status === 'succeeded' ? <span className="ml-1.5 text-xs text-slate-500">current</span> : null}
              </TD>
              <TD className="max-w-[10rem] truncate text-xs" title={r.actor.label}>
                {r.actor.label}
              </TD>
              <TD className="text-xs whitespace-nowrap text-slate-500">
                <RelativeTime iso={r.createdAt} />
              </TD>
              <TD className="text-xs whitespace-nowrap tabular-nums">{formatDuration(r.durationMs)}</TD>
              <TD className="text-xs tabular-nums">{r.kubeRevision ?? '—'}</TD>
              <TD className="text-right whitespace-nowrap">
                <Button variant="ghost" size="sm" onClick={() => setDiffOf(r)} aria-label={`Diff of revision ${r.revision}`}>
                  <FileDiff className="h-4 w-4" aria-hidden />
                  Diff
                </Button>
                {canEdit && r.status === 'succeeded' && r !== current && r.kind !== 'delete' ? (
                  <Button variant="ghost" size="sm" onClick={() => setRollbackTo(r)} aria-label={`Roll back to revision ${r.revision}`}>
                    <Undo2 className="h-4 w-4" aria-hidden />
                    Roll back
                  </Button>
                ) : null}
                {canEdit && r.status === 'queued' ? (
                  <Button variant="danger-ghost" size="sm" loading={cancel.isPending && cancel.variables.rolloutId === r.id} onClick={() => cancel.mutate({ rolloutId: r.id })} aria-label={`Cancel revision ${r.revision}`}>
                    <X className="h-4 w-4" aria-hidden />
                    Cancel
                  </Button>
                ) : null}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {diffOf ? <DiffDialog key={diffOf.id} rollout={diffOf} rollouts={rollouts} open onOpenChange={(o) => !o && setDiffOf(null)} /> : null}
      {rollbackTo ? <RollbackDialog key={rollbackTo.id} serviceId={serviceId} target={rollbackTo} current={current} open onOpenChange={(o) => !o && setRollbackTo(null)} /> : null}
    </Card>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, X } from 'lucide-react';
import { toast } from 'sonner';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

const tone: Record<string, BadgeTone> = { skipped: 'neutral', awaiting_approval: 'amber', promoted: 'green', rejected: 'red', failed: 'red' };
const label: Record<string, string> = { skipped: 'skipped', awaiting_approval: 'awaiting approval', promoted: 'promoted', rejected: 'rejected', failed: 'failed' };

/** A policy's runs, newest first, with their reasons; approvers decide the ones that wait. */
export function RunList({ policyId, canApprove, onDecided }: { policyId: number; canApprove: boolean; onDecided: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery({ ...trpc.promotion.runs.queryOptions({ policyId, limit: 10 }), refetchInterval: 5000 });
  const done = (what: string) => ({
    onSuccess: (result: { runId: number; status: string; approvals: number; requiredApprovals: number }) => {
      toast.success(
        result.status === 'promoted'
          ? `Run #${result.runId} approved: promoting now`
          : result.status === 'awaiting_approval'
            ? `Run #${result.runId} ${what}: ${result.approvals} of ${result.requiredApprovals} approvals`
            : `Run #${result.runId} ${result.status}`,
      );
      onDecided();
      return queryClient.invalidateQueries({ queryKey: trpc.promotion.runs.queryKey({ policyId, limit: 10 }) });
    },
  });
  const approve = useMutation(trpc.promotion.approve.mutationOptions(done('approved')));
  const reject = useMutation(trpc.promotion.reject.mutationOptions(done('rejected')));

  if (!runs.data) return <p className="px-5 py-3 text-sm text-slate-500">{runs.error ? errorMessage(runs.error) : 'Loading runs…'}</p>;
  if (runs.data.length === 0) return <p className="px-5 py-3 text-sm text-slate-500">No runs yet: the first one comes at the next scheduled time, or with Run now.</p>;
  const error = approve.error ?? reject.error;
  return (
    <div>
      <ul className="divide-y divide-slate-100" aria-label="Runs">
        {runs.data.map((run) => (
          <li key={run.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-2.5 text-sm" aria-label={`Run ${run.id}`}>
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={tone[run.status] ?? 'neutral'} dot>
                  {label[run.status] ?? run.status}
                </Badge>
                <span className="text-slate-500">#{run.id}</span>
                {run.model ? (
                  <span className="font-medium text-slate-800">
                    {run.model.name} {run.model.version}
                  </span>
                ) : null}
                {run.trigger === 'manual' ? <Badge>run now</Badge> : null}
                <RelativeTime iso={run.createdAt} className="text-xs text-slate-500" />
              </div>
              <p className="mt-0.5 text-slate-600">{run.reason}</p>
              {run.approvals.length ? (
                <p className="mt-0.5 text-xs text-slate-500">
                  {run.approvals.map((a) => `${a.decision === 'approve' ? 'approved' : 'rejected'} by ${a.email}${a.comment ? ` (“${a.comment}”)` : ''}`).join('; ')}
                </p>
              ) : null}
              {run.rolloutId ? <p className="mt-0.5 text-xs text-slate-500">rollout {run.rolloutId}</p> : null}
            </div>
            {run.status === 'awaiting_approval' ? (
              canApprove ? (
                <div className="flex items-center gap-2">
                  <span className="text-xs text-slate-500">
                    {run.approvals.filter((a) => a.decision === 'approve').length} of {run.requiredApprovals}
                  </span>
                  <Button size="sm" loading={approve.isPending && approve.variables?.runId === run.id} onClick={() => approve.mutate({ runId: run.id })}>
                    <Check className="h-3.5 w-3.5" aria-hidden />
                    Approve
                  </Button>
                  <Button size="sm" variant="danger-ghost" loading={reject.isPending && reject.variables?.runId === run.id} onClick={() => reject.mutate({ runId: run.id })}>
                    <X className="h-3.5 w-3.5" aria-hidden />
                    Reject
                  </Button>
                </div>
              ) : (
                <span className="text-xs text-slate-500">waits for an approver</span>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="px-5 pb-3 text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}

'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { FieldInput } from '../clusters/field-input.tsx';
import { Button } from '../ui/button.tsx';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '../ui/dialog.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { DiffTable } from './diff-table.tsx';
import type { Rollout } from './status-badge.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useRereadServices } from '../services/use-live-services.ts';

/**
 * One-click rollback, after reading what it will change: the diff from what the service runs now
 * (`current`) to the chosen revision's configuration, then a new `rollback` rollout.
 */
export function RollbackDialog({
  serviceId,
  target,
  current,
  open,
  onOpenChange,
}: {
  serviceId: number;
  target: Rollout;
  current: Rollout | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const reread = useRereadServices();
  const [reason, setReason] = useState('');
  const diff = useQuery({
    ...trpc.rollout.diff.queryOptions(current ? { rolloutId: target.id, againstRolloutId: current.id } : { rolloutId: target.id }),
    enabled: open,
  });
  const rollback = useMutation(
    trpc.rollout.rollback.mutationOptions({
      onSuccess: () => {
        toast.success(`Rolling back to revision ${target.revision}`);
        reread();
        onOpenChange(false);
        setReason('');
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) rollback.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent
        className="max-w-2xl"
        title={`Roll back to revision ${target.revision}?`}
        description={`A new rollout applies revision ${target.revision}'s configuration and model${current ? `, replacing revision ${current.revision}'s` : ''}. The history keeps every revision.`}
      >
        {diff.isPending ? <Spinner label="Loading the diff" /> : null}
        {diff.data ? <DiffTable diff={diff.data} /> : null}
        {diff.error ? <p className="text-sm text-red-600">{errorMessage(diff.error)}</p> : null}
        <div className="mt-4">
          <FieldInput id="rollback-reason" label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Optional: why, for the history and the audit log" />
        </div>
        {rollback.error ? (
          <p className="mt-4 text-sm text-red-600" role="alert">
            {errorMessage(rollback.error)}
          </p>
        ) : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            loading={rollback.isPending}
            onClick={() => rollback.mutate({ serviceId, toRolloutId: target.id, reason: reason.trim() === '' ? undefined : reason.trim() })}
          >
            Roll back to revision {target.revision}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

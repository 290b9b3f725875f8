'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { FieldInput } from '../clusters/field-input.tsx';
import { Dialog, DialogContent, FormDialogFooter } from '../ui/dialog.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { issueAt } from './levels.ts';
import { useRereadServices } from './use-live-services.ts';

// A list entry: the service page's fuller `service.get` result fits it too.
type Service = RouterOutputs['service']['list'][number];

/**
 * The original's "edit Memo, Save Service": a new memo goes into DRUCKER_SERVICE_UPDATE_FLAG, which
 * changes the pod template and so restarts every pod, rolling.
 */
export function RestartDialog({ service, open, onOpenChange }: { service: Service; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const reread = useRereadServices();
  const [memo, setMemo] = useState('');
  const [reason, setReason] = useState('');
  const restart = useMutation(
    trpc.service.restart.mutationOptions({
      onSuccess: () => {
        toast.success(`Restarting ${service.displayName}`);
        reread();
        onOpenChange(false);
        setMemo('');
        setReason('');
      },
    }),
  );
  const memoError = issueAt(restart.error, 'memo');
  function submit(event: FormEvent) {
    event.preventDefault();
    restart.mutate({ serviceId: service.id, memo: memo.trim() === '' ? undefined : memo.trim(), reason: reason.trim() === '' ? undefined : reason.trim() });
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) restart.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent title={`Restart ${service.displayName}`} description="A new memo restarts every pod, one batch at a time, with the same configuration.">
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FieldInput
            id="restart-memo"
            label="Memo"
            value={memo}
            onChange={(e) => setMemo(e.target.value)}
            placeholder={service.spec.memo ? `now: ${service.spec.memo}` : 'e.g. reload model files'}
            hint={service.spec.memo ? `The current memo is "${service.spec.memo}". Leave empty for a fresh one.` : 'Leave empty and Drucker writes a fresh one.'}
            error={memoError}
            autoFocus
          />
          <FieldInput id="restart-reason" label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Optional" error={issueAt(restart.error, 'reason')} />
          <FormDialogFooter error={restart.error && !memoError ? errorMessage(restart.error) : undefined} submitLabel="Save memo and restart" pending={restart.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

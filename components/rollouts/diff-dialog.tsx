'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog, DialogContent } from '../ui/dialog.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { DiffTable } from './diff-table.tsx';
import type { Rollout } from './status-badge.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** A rollout's spec diff against the revision before it, or against any revision chosen. */
export function DiffDialog({ rollout, rollouts, open, onOpenChange }: { rollout: Rollout; rollouts: Rollout[]; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const [against, setAgainst] = useState('');
  const diff = useQuery({
    ...trpc.rollout.diff.queryOptions(against === '' ? { rolloutId: rollout.id } : { rolloutId: rollout.id, againstRolloutId: Number(against) }),
    enabled: open,
  });
  const others = rollouts.filter((r) => r.id !== rollout.id);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" title={`Revision ${rollout.revision}: what changed`}>
        <Field label="Compare with" htmlFor="diff-against" className="mb-4 max-w-xs">
          <Select
            id="diff-against"
            value={against}
            onChange={setAgainst}
            allLabel="The revision before"
            options={others.map((r) => ({ value: String(r.id), label: `Revision ${r.revision} (${r.kind}, ${r.status})` }))}
          />
        </Field>
        {diff.isPending ? <Spinner label="Loading the diff" /> : null}
        {diff.error ? (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(diff.error)}
          </p>
        ) : null}
        {diff.data ? (
          <>
            {diff.data.from === null ? <p className="mb-2 text-sm text-slate-500">The first revision: everything it set.</p> : null}
            <DiffTable diff={diff.data} />
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

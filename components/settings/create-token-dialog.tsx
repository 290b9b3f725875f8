'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, Copy, TriangleAlert } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { Dialog, DialogContent, DialogFooter, FormDialogFooter } from '../ui/dialog.tsx';
import { Input } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { isRole, roleOptions, type RoleName } from './roles.ts';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

const expiryOptions = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never expires' },
];

function ShowTokenOnce({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
      toast.success('Token copied to the clipboard');
    } catch {
      toast.error('Could not copy; select the token and copy it by hand.');
    }
  }
  return (
    <div className="space-y-4">
      <div className="flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900" role="note">
        <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden />
        <p>Copy this token now. It is shown only once: Drucker keeps only its hash, so it cannot show it again.</p>
      </div>
      <Field label="Your new API token" htmlFor="new-token">
        <div className="flex gap-2">
          <Input id="new-token" readOnly value={token} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <Button variant="secondary" onClick={() => void copy()} aria-label="Copy token">
            {copied ? <Check className="h-4 w-4 text-emerald-600" aria-hidden /> : <Copy className="h-4 w-4" aria-hidden />}
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      </Field>
      <p className="text-xs text-slate-500">
        Send it as <code className="rounded bg-slate-100 px-1 py-0.5">Authorization: Bearer &lt;token&gt;</code> to{' '}
        <code className="rounded bg-slate-100 px-1 py-0.5">/api/trpc</code>.
      </p>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}

/** Opened by the card's "Create token" button; shows the new token once before closing. */
export function CreateTokenDialog({ projectId, open, onOpenChange }: { projectId: number; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleName>('viewer');
  const [expiry, setExpiry] = useState('90');
  const create = useMutation(
    trpc.token.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.token.list.queryKey({ projectId }) }),
    }),
  );

  function close() {
    onOpenChange(false);
    setName('');
    setRole('viewer');
    setExpiry('90');
    create.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ projectId, name: name.trim(), role, expiresInDays: expiry === 'never' ? undefined : Number(expiry) });
  }

  const nameError = fieldError(create.error, 'name');
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <DialogContent
        className="max-w-lg"
        title={create.data ? 'Token created' : 'Create API token'}
        description={create.data ? undefined : 'For one internal tool or CI job. It acts in this project with the role you give it.'}
      >
        {create.data ? (
          <ShowTokenOnce token={create.data.token} onDone={close} />
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate>
            <Field label="Name" htmlFor="token-name" hint="Say which tool uses it, e.g. ci-deployer." error={nameError} errorId="token-name-error">
              <Input
                id="token-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="off"
                autoFocus
                aria-invalid={nameError ? true : undefined}
                aria-describedby={nameError ? 'token-name-error' : undefined}
              />
            </Field>
            <div className="grid grid-cols-2 gap-3">
              <Field label="Role" htmlFor="token-role">
                <Select id="token-role" value={role} onChange={(v) => isRole(v) && setRole(v)} options={roleOptions} />
              </Field>
              <Field label="Expires" htmlFor="token-expiry">
                <Select id="token-expiry" value={expiry} onChange={setExpiry} options={expiryOptions} />
              </Field>
            </div>
            <FormDialogFooter error={create.error && !nameError ? errorMessage(create.error) : null} submitLabel="Create token" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { Input } from '../ui/input.tsx';
import { Label } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { isRole, roleOptions, type RoleName } from './roles.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

export function AddMemberForm({ projectId }: { projectId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<RoleName>('viewer');
  const add = useMutation(
    trpc.project.setMember.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(`Added ${input.email} as ${input.role}`);
        setEmail('');
        return queryClient.invalidateQueries({ queryKey: trpc.project.members.queryKey({ projectId }) });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ projectId, email: email.trim(), role });
  }

  return (
    <form onSubmit={submit} className="border-b border-slate-100 bg-slate-50/60 px-5 py-4" aria-label="Add a member">
      <div className="grid gap-3 sm:grid-cols-[1fr_11rem_auto] sm:items-end">
        <div className="flex flex-col gap-1">
          <Label htmlFor="member-email" className="text-xs">
            Email
          </Label>
          <Input
            id="member-email"
            type="email"
            placeholder="teammate@example.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            aria-invalid={add.error ? true : undefined}
            aria-describedby={add.error ? 'member-email-error' : undefined}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="member-role" className="text-xs">
            Role
          </Label>
          <Select id="member-role" value={role} onChange={(v) => isRole(v) && setRole(v)} options={roleOptions} />
        </div>
        <Button type="submit" loading={add.isPending} disabled={!email.trim()}>
          <UserPlus className="h-4 w-4" aria-hidden />
          Add member
        </Button>
      </div>
      {add.error ? (
        <p id="member-email-error" role="alert" className="mt-2 text-sm text-red-600">
          {errorMessage(add.error)}
        </p>
      ) : null}
    </form>
  );
}

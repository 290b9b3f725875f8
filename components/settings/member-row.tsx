'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Select } from '../ui/select.tsx';
import { TD, TR } from '../ui/table.tsx';
import { RoleBadge } from '../projects/role-badge.tsx';
import { isRole, roleOptions } from './roles.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Member = RouterOutputs['project']['members'][number];

export function MemberRow({ projectId, member, canManage, isSelf }: { projectId: number; member: Member; canManage: boolean; isSelf: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.project.members.queryKey({ projectId }) });
    // Changing your own role changes what this page may show you.
    if (isSelf) router.refresh();
  };
  const setRole = useMutation(
    trpc.project.setMember.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(`${input.email} is now ${input.role}`);
        return refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(
    trpc.project.removeMember.mutationOptions({
      onSuccess: async (_, input) => {
        toast.success(`Removed ${input.email} from the project`);
        setConfirming(false);
        if (isSelf) {
          router.push('/');
          return;
        }
        await refresh();
      },
      onError: (error) => {
        setConfirming(false);
        toast.error(errorMessage(error));
      },
    }),
  );
  const shownRole = setRole.isPending ? setRole.variables.role : member.role;
  const setApprover = useMutation(
    trpc.project.setApprover.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(input.approver ? `${input.email} may now approve promotions` : `${input.email} no longer approves promotions`);
        return refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <TR>
      <TD>
        <div className="font-medium text-slate-900">
          {member.name}
          {isSelf ? <span className="ml-1.5 text-xs font-normal text-slate-400">(you)</span> : null}
        </div>
        <div className="text-xs text-slate-500">{member.email}</div>
      </TD>
      <TD className="w-48">
        {canManage ? (
          <Select
            aria-label={`Role of ${member.email}`}
            value={shownRole}
            onChange={(role) => isRole(role) && role !== member.role && setRole.mutate({ projectId, email: member.email, role })}
            options={roleOptions}
            disabled={setRole.isPending}
            className="h-8"
          />
        ) : (
          <RoleBadge role={member.role} />
        )}
        {canManage ? (
          <label className="mt-1.5 flex items-center gap-1.5 text-xs text-slate-600">
            <input
              type="checkbox"
              className="h-3.5 w-3.5 accent-brand-600"
              checked={setApprover.isPending ? setApprover.variables.approver : member.approver}
              disabled={setApprover.isPending}
              onChange={(e) => setApprover.mutate({ projectId, email: member.email, approver: e.target.checked })}
              aria-label={`${member.email} approves promotions`}
            />
            Approves promotions
          </label>
        ) : member.approver ? (
          <span className="mt-1 block text-xs text-slate-500">approves promotions</span>
        ) : null}
      </TD>
      <TD className="whitespace-nowrap text-slate-500">
        <RelativeTime iso={member.since} />
      </TD>
      <TD className="w-12 text-right">
        {canManage ? (
          <>
            <Button variant="danger-ghost" size="icon" aria-label={`Remove ${member.email}`} onClick={() => setConfirming(true)}>
              <Trash2 className="h-4 w-4" aria-hidden />
            </Button>
            <ConfirmDialog
              open={confirming}
              onOpenChange={setConfirming}
              title={`Remove ${member.email}?`}
              confirmLabel="Remove member"
              pending={remove.isPending}
              onConfirm={() => remove.mutate({ projectId, email: member.email })}
            >
              {isSelf
                ? 'You will lose access to this project at once.'
                : `${member.name} will lose access to this project at once. API tokens they created keep working until revoked.`}
            </ConfirmDialog>
          </>
        ) : null}
      </TD>
    </TR>
  );
}

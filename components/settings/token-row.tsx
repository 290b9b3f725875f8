'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { TD, TR } from '../ui/table.tsx';
import { RoleBadge } from '../projects/role-badge.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Token = RouterOutputs['token']['list'][number];

const statusTones: Record<Token['status'], BadgeTone> = { active: 'green', expired: 'amber', revoked: 'red' };

export function TokenRow({ projectId, token }: { projectId: number; token: Token }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.token.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success(`Revoked token ${token.name}`);
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.token.list.queryKey({ projectId }) });
      },
      onError: (error) => {
        setConfirming(false);
        toast.error(errorMessage(error));
      },
    }),
  );
  const inactive = token.status !== 'active';
  return (
    <TR className={inactive ? 'text-slate-400' : undefined}>
      <TD>
        <div className={inactive ? 'font-medium text-slate-500' : 'font-medium text-slate-900'}>{token.name}</div>
        <code className="text-xs text-slate-500">{token.prefix}…</code>
      </TD>
      <TD>
        <RoleBadge role={token.role} />
      </TD>
      <TD>
        <Badge tone={statusTones[token.status]} dot>
          {token.status}
        </Badge>
      </TD>
      <TD className="text-xs">
        <div className="max-w-44 truncate text-slate-700" title={token.createdBy}>
          {token.createdBy}
        </div>
        <RelativeTime iso={token.createdAt} className="text-slate-500" />
      </TD>
      <TD className="whitespace-nowrap text-slate-500">{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : 'never'}</TD>
      <TD className="whitespace-nowrap text-slate-500">
        {token.revokedAt ? (
          <span>
            revoked <RelativeTime iso={token.revokedAt} />
          </span>
        ) : token.expiresAt ? (
          <RelativeTime iso={token.expiresAt} />
        ) : (
          'never'
        )}
      </TD>
      <TD className="text-right">
        {token.status === 'active' ? (
          <>
            <Button variant="danger-ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
              Revoke
            </Button>
            <ConfirmDialog
              open={confirming}
              onOpenChange={setConfirming}
              title={`Revoke token ${token.name}?`}
              confirmLabel="Revoke token"
              pending={revoke.isPending}
              onConfirm={() => revoke.mutate({ tokenId: token.id })}
            >
              Tools that use it get 401 Unauthorized from their next call. This cannot be undone.
            </ConfirmDialog>
          </>
        ) : null}
      </TD>
    </TR>
  );
}

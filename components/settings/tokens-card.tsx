'use client';

import { useQuery } from '@tanstack/react-query';
import { KeyRound, Lock, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { Table, TBody, TH, THead, TR } from '../ui/table.tsx';
import { roleWithArticle } from '../projects/role-phrase.ts';
import { CreateTokenDialog } from './create-token-dialog.tsx';
import { TokenRow } from './token-row.tsx';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

const description = 'For internal tools and CI. A token acts only in this project, with its role, and never more than its creator’s.';

export function TokensCard({ projectId, initialTokens }: { projectId: number; initialTokens: RouterOutputs['token']['list'] }) {
  const trpc = useTRPC();
  const tokens = useQuery({ ...trpc.token.list.queryOptions({ projectId }), initialData: initialTokens });
  // One dialog for both buttons: the list stops being empty while the new token is still shown.
  const [creating, setCreating] = useState(false);
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus className="h-4 w-4" aria-hidden />
      Create token
    </Button>
  );
  return (
    <Card>
      <CreateTokenDialog projectId={projectId} open={creating} onOpenChange={setCreating} />
      <CardHeader title="API tokens" description={description} actions={tokens.data.length > 0 ? createButton : null} />
      {tokens.data.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API tokens" action={createButton}>
          Create one token per tool that calls the API, so any one of them can be revoked without breaking the others.
        </EmptyState>
      ) : (
        <Table aria-label="API tokens">
          <THead>
            <TR>
              <TH>Token</TH>
              <TH>Role</TH>
              <TH>Status</TH>
              <TH>Created</TH>
              <TH>Last used</TH>
              <TH>Expires</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {tokens.data.map((token) => (
              <TokenRow key={token.id} projectId={projectId} token={token} />
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

/** What a non-admin sees in place of the token list. */
export function TokensLocked({ role }: { role: string }) {
  return (
    <Card>
      <CardHeader title="API tokens" description={description} />
      <p className="flex items-center gap-2 px-5 py-4 text-sm text-slate-600">
        <Lock className="h-4 w-4 text-slate-400" aria-hidden />
        Managing API tokens needs the admin role in this project; you are {roleWithArticle(role)}. Ask an admin to create a token for your tool.
      </p>
    </Card>
  );
}

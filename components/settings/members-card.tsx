'use client';

import { useQuery } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import { Card, CardHeader } from '../ui/card.tsx';
import { Table, TBody, TH, THead, TR } from '../ui/table.tsx';
import { roleWithArticle } from '../projects/role-phrase.ts';
import { AddMemberForm } from './add-member-form.tsx';
import { MemberRow } from './member-row.tsx';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

export function MembersCard({
  projectId,
  canManage,
  myRole,
  myEmail,
  initialMembers,
}: {
  projectId: number;
  canManage: boolean;
  myRole: string;
  myEmail: string;
  initialMembers: RouterOutputs['project']['members'];
}) {
  const trpc = useTRPC();
  const members = useQuery({ ...trpc.project.members.queryOptions({ projectId }), initialData: initialMembers });
  return (
    <Card>
      <CardHeader
        title="Members"
        description="Viewers read; editors also deploy, switch models and roll back; admins also manage members, clusters and API tokens."
      />
      {canManage ? (
        <AddMemberForm projectId={projectId} />
      ) : (
        <p className="flex items-center gap-2 border-b border-slate-100 bg-slate-50/60 px-5 py-3 text-sm text-slate-600">
          <Lock className="h-4 w-4 text-slate-400" aria-hidden />
          Only project admins can add, change or remove members. You are {roleWithArticle(myRole)}.
        </p>
      )}
      <Table aria-label="Members">
        <THead>
          <TR>
            <TH>Member</TH>
            <TH>Role</TH>
            <TH>Added</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {members.data.map((member) => (
            <MemberRow key={member.userId} projectId={projectId} member={member} canManage={canManage} isSelf={member.email === myEmail} />
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

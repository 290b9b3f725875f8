import type { Metadata } from 'next';
import { MembersCard } from '../../../../components/settings/members-card.tsx';
import { TokensCard, TokensLocked } from '../../../../components/settings/tokens-card.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../server/auth/session.ts';
import { callerFor } from '../../../../server/trpc/server-caller.ts';
import { loadProject, type ProjectParams } from '../load-project.ts';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}/settings`);
  const project = await loadProject(user, projectId);
  const caller = callerFor(user);
  const isAdmin = project.role === 'admin';
  const [members, tokens] = await Promise.all([
    caller.project.members({ projectId: project.id }),
    isAdmin ? caller.token.list({ projectId: project.id }) : Promise.resolve(null),
  ]);
  return (
    <>
      <PageHeader title="Settings" description={`Who can work in ${project.name}, and the API tokens its tools use.`} />
      <div className="space-y-6">
        <MembersCard projectId={project.id} canManage={isAdmin} myRole={project.role} myEmail={user.email} initialMembers={members} />
        {tokens ? <TokensCard projectId={project.id} initialTokens={tokens} /> : <TokensLocked role={project.role} />}
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import { AuditLog } from '../../../../components/audit/audit-log.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../server/auth/session.ts';
import { callerFor } from '../../../../server/trpc/server-caller.ts';
import { loadProject, type ProjectParams } from '../load-project.ts';

export const metadata: Metadata = { title: 'Audit' };

export default async function AuditPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}/audit`);
  const project = await loadProject(user, projectId);
  const caller = callerFor(user);
  const [initialPage, initialActions] = await Promise.all([
    caller.audit.list({ projectId: project.id, limit: 50 }),
    caller.audit.actions({ projectId: project.id }),
  ]);
  return (
    <>
      <PageHeader title="Audit" description="Every change in this project, newest first: who made it, when, and what it changed." />
      <AuditLog projectId={project.id} initialPage={initialPage} initialActions={initialActions} />
    </>
  );
}

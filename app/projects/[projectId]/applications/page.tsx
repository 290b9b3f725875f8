import type { Metadata } from 'next';
import { AddApplicationButton } from '../../../../components/applications/add-application-button.tsx';
import { ApplicationList } from '../../../../components/applications/application-list.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../server/auth/session.ts';
import { callerFor } from '../../../../server/trpc/server-caller.ts';
import { loadProject, type ProjectParams } from '../load-project.ts';

export const metadata: Metadata = { title: 'Applications' };

export default async function ApplicationsPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications`);
  const project = await loadProject(user, projectId);
  const applications = await callerFor(user).application.list({ projectId: project.id });
  const canEdit = project.role !== 'viewer';
  return (
    <>
      <PageHeader
        title="Applications"
        description="Applications and the model services they run at each level: development, beta, staging and production."
        actions={canEdit && applications.length > 0 ? <AddApplicationButton projectId={project.id} /> : null}
      />
      <ApplicationList projectId={project.id} canEdit={canEdit} initialApplications={applications} />
    </>
  );
}

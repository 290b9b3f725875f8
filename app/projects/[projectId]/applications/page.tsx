import { Boxes } from 'lucide-react';
import type { Metadata } from 'next';
import { Card } from '../../../../components/ui/card.tsx';
import { EmptyState } from '../../../../components/ui/empty-state.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../server/auth/session.ts';
import { loadProject, type ProjectParams } from '../load-project.ts';

export const metadata: Metadata = { title: 'Applications' };

export default async function ApplicationsPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications`);
  await loadProject(user, projectId);
  return (
    <>
      <PageHeader title="Applications" description="Applications and the model services they run at each level: development, beta, staging and production." />
      <Card>
        <EmptyState icon={Boxes} title="No applications yet">
          This is where an application&apos;s services, models, rollouts and A/B tests are managed. Creating applications
          arrives in a later release of Drucker, with its API and CLI; until then there is nothing to show here.
        </EmptyState>
      </Card>
    </>
  );
}

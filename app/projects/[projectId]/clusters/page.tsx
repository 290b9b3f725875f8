import { Server } from 'lucide-react';
import type { Metadata } from 'next';
import { Card } from '../../../../components/ui/card.tsx';
import { EmptyState } from '../../../../components/ui/empty-state.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../server/auth/session.ts';
import { loadProject, type ProjectParams } from '../load-project.ts';

export const metadata: Metadata = { title: 'Clusters' };

export default async function ClustersPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}/clusters`);
  await loadProject(user, projectId);
  return (
    <>
      <PageHeader title="Clusters" description="The Kubernetes clusters this project deploys model services to." />
      <Card>
        <EmptyState icon={Server} title="No clusters yet">
          Clusters are registered by uploading a kubeconfig; Drucker then checks it can reach the API server and shows
          each cluster&apos;s health here. Registering clusters arrives in a later release of Drucker, with its API and CLI.
        </EmptyState>
      </Card>
    </>
  );
}

import { Plus, Server } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ClusterList } from '../../../../components/clusters/cluster-list.tsx';
import { Button } from '../../../../components/ui/button.tsx';
import { Card } from '../../../../components/ui/card.tsx';
import { EmptyState } from '../../../../components/ui/empty-state.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../server/auth/session.ts';
import { callerFor } from '../../../../server/trpc/server-caller.ts';
import { loadProject, type ProjectParams } from '../load-project.ts';

export const metadata: Metadata = { title: 'Clusters' };

export default async function ClustersPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}/clusters`);
  const project = await loadProject(user, projectId);
  const clusters = await callerFor(user).cluster.list({ projectId: project.id });
  const isAdmin = project.role === 'admin';
  const add = isAdmin ? (
    <Button asChild>
      <Link href={`/projects/${project.id}/clusters/new`}>
        <Plus className="h-4 w-4" aria-hidden />
        Add cluster
      </Link>
    </Button>
  ) : null;
  return (
    <>
      <PageHeader title="Clusters" description="The Kubernetes clusters this project deploys model services to, checked every minute." actions={clusters.length > 0 ? add : null} />
      {clusters.length === 0 ? (
        <Card>
          <EmptyState icon={Server} title="No clusters yet" action={add}>
            {isAdmin
              ? 'Add a cluster by uploading its kubeconfig. Drucker checks that it can reach the API server with every permission it needs before saving it.'
              : 'A project admin adds clusters by uploading a kubeconfig; services are then deployed to them.'}
          </EmptyState>
        </Card>
      ) : (
        <ClusterList projectId={project.id} initialClusters={clusters} />
      )}
    </>
  );
}

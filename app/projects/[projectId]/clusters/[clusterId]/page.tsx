import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ClusterActions } from '../../../../../components/clusters/cluster-actions.tsx';
import { ClusterSettingsCard } from '../../../../../components/clusters/cluster-details.tsx';
import { ClusterHealthCard } from '../../../../../components/clusters/cluster-health-card.tsx';
import { PageHeader } from '../../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../../server/auth/session.ts';
import { loadProject } from '../../load-project.ts';
import { loadCluster, type ClusterParams } from '../load-cluster.ts';

export const metadata: Metadata = { title: 'Cluster' };

export default async function ClusterPage({ params }: ClusterParams) {
  const { projectId, clusterId } = await params;
  const user = await requireUser(`/projects/${projectId}/clusters/${clusterId}`);
  const project = await loadProject(user, projectId);
  const cluster = await loadCluster(user, project.id, clusterId);
  return (
    <>
      <Link href={`/projects/${project.id}/clusters`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="h-4 w-4" aria-hidden />
        Clusters
      </Link>
      <PageHeader
        title={cluster.name}
        description={cluster.description ?? undefined}
        actions={<ClusterActions projectId={project.id} cluster={cluster} canCheck={project.role !== 'viewer'} canManage={project.role === 'admin'} />}
      />
      <div className="space-y-6">
        <ClusterHealthCard initial={cluster} />
        <ClusterSettingsCard cluster={cluster} />
      </div>
    </>
  );
}

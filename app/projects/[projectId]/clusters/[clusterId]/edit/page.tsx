import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ClusterForm } from '../../../../../../components/clusters/cluster-form.tsx';
import { PageHeader } from '../../../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../../../server/auth/session.ts';
import { loadProject } from '../../../load-project.ts';
import { loadCluster, type ClusterParams } from '../../load-cluster.ts';

export const metadata: Metadata = { title: 'Edit cluster' };

export default async function EditClusterPage({ params }: ClusterParams) {
  const { projectId, clusterId } = await params;
  const user = await requireUser(`/projects/${projectId}/clusters/${clusterId}/edit`);
  const project = await loadProject(user, projectId);
  const cluster = await loadCluster(user, project.id, clusterId);
  // Only admins edit clusters; for others the page does not exist, as the API refuses anyway.
  if (project.role !== 'admin') notFound();
  return (
    <>
      <PageHeader title={`Edit ${cluster.name}`} description="Changes take effect for services from their next rollout; a new kubeconfig is verified before it is saved." />
      <ClusterForm projectId={project.id} cluster={cluster} />
    </>
  );
}

import { Lock } from 'lucide-react';
import type { Metadata } from 'next';
import { ClusterForm } from '../../../../../components/clusters/cluster-form.tsx';
import { Card } from '../../../../../components/ui/card.tsx';
import { PageHeader } from '../../../../../components/ui/page-header.tsx';
import { roleWithArticle } from '../../../../../components/projects/role-phrase.ts';
import { requireUser } from '../../../../../server/auth/session.ts';
import { loadProject, type ProjectParams } from '../../load-project.ts';

export const metadata: Metadata = { title: 'Add cluster' };

export default async function NewClusterPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}/clusters/new`);
  const project = await loadProject(user, projectId);
  return (
    <>
      <PageHeader title="Add cluster" description="Upload a kubeconfig and say how services on the cluster are reached. Drucker verifies it before saving anything." />
      {project.role === 'admin' ? (
        <ClusterForm projectId={project.id} />
      ) : (
        <Card>
          <p className="flex items-center gap-2 px-5 py-4 text-sm text-slate-600">
            <Lock className="h-4 w-4 text-slate-400" aria-hidden />
            Adding clusters needs the admin role in this project; you are {roleWithArticle(project.role)}.
          </p>
        </Card>
      )}
    </>
  );
}

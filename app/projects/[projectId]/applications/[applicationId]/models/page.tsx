import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AddModelButton } from '../../../../../../components/models/add-model-dialog.tsx';
import { ModelList } from '../../../../../../components/models/model-list.tsx';
import { SwitchModels } from '../../../../../../components/models/switch-models.tsx';
import { PageHeader } from '../../../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../../../server/auth/session.ts';
import { callerFor } from '../../../../../../server/trpc/server-caller.ts';
import { loadProject } from '../../../load-project.ts';
import { loadApplication } from '../../load-application.ts';

export const metadata: Metadata = { title: 'Models' };

type Params = { params: Promise<{ projectId: string; applicationId: string }> };

// An application's models (the original's "Add Model") and, below, "Switch Models" for its services.
export default async function ModelsPage({ params }: Params) {
  const { projectId, applicationId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications/${applicationId}/models`);
  const project = await loadProject(user, projectId);
  const application = await loadApplication(user, project.id, applicationId);
  const models = await callerFor(user).model.list({ applicationId: application.id });
  const canEdit = project.role !== 'viewer';
  return (
    <>
      <Link href={`/projects/${project.id}/applications/${application.id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="h-4 w-4" aria-hidden />
        {application.name}
      </Link>
      <PageHeader title={`Models of ${application.name}`} description="Upload model files, watch their copies, and switch services between them." actions={canEdit ? <AddModelButton applicationId={application.id} /> : null} />
      <div className="flex flex-col gap-6">
        <ModelList projectId={project.id} applicationId={application.id} initialModels={models} />
        <SwitchModels applicationId={application.id} canEdit={canEdit} />
      </div>
    </>
  );
}

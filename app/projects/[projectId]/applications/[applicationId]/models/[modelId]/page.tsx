import { TRPCError } from '@trpc/server';
import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ModelDetails } from '../../../../../../../components/models/model-details.tsx';
import { PageHeader } from '../../../../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../../../../server/auth/session.ts';
import { callerFor } from '../../../../../../../server/trpc/server-caller.ts';
import { loadProject } from '../../../../load-project.ts';
import { loadApplication } from '../../../load-application.ts';

export const metadata: Metadata = { title: 'Model' };

type Params = { params: Promise<{ projectId: string; applicationId: string; modelId: string }> };

export default async function ModelPage({ params }: Params) {
  const { projectId, applicationId, modelId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications/${applicationId}/models/${modelId}`);
  const project = await loadProject(user, projectId);
  const application = await loadApplication(user, project.id, applicationId);
  const id = Number(modelId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  let model;
  try {
    model = await callerFor(user).model.get({ modelId: id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
  if (model.applicationId !== application.id) notFound();
  return (
    <>
      <Link href={`/projects/${project.id}/applications/${application.id}/models`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="h-4 w-4" aria-hidden />
        Models of {application.name}
      </Link>
      <PageHeader title={`${model.name} ${model.version}`} description={`A model of ${application.name}`} />
      <ModelDetails projectId={project.id} initialModel={model} canEdit={project.role !== 'viewer'} />
    </>
  );
}

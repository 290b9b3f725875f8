import { TRPCError } from '@trpc/server';
import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ServiceView } from '../../../../../../../components/services/service-view.tsx';
import { requireUser } from '../../../../../../../server/auth/session.ts';
import { callerFor } from '../../../../../../../server/trpc/server-caller.ts';
import { loadProject } from '../../../../load-project.ts';

export const metadata: Metadata = { title: 'Service' };

type Params = { params: Promise<{ projectId: string; applicationId: string; serviceId: string }> };

async function loadService(caller: ReturnType<typeof callerFor>, projectId: number, applicationId: string, raw: string) {
  const serviceId = Number(raw);
  if (!Number.isSafeInteger(serviceId) || serviceId <= 0) notFound();
  try {
    const [service, rollouts] = await Promise.all([caller.service.get({ serviceId }), caller.rollout.list({ serviceId })]);
    if (String(service.applicationId) !== applicationId) notFound();
    return { service, rollouts };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}

// One service: where it runs, its rollout live, its history with diffs and rollback, a pod's log.
export default async function ServicePage({ params }: Params) {
  const { projectId, applicationId, serviceId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications/${applicationId}/services/${serviceId}`);
  const project = await loadProject(user, projectId);
  const caller = callerFor(user);
  const { service, rollouts } = await loadService(caller, project.id, applicationId, serviceId);
  const clusters = await caller.cluster.list({ projectId: project.id });
  return (
    <>
      <Link href={`/projects/${project.id}/applications/${service.applicationId}`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="h-4 w-4" aria-hidden />
        {service.applicationName}
      </Link>
      <ServiceView
        initialService={service}
        initialRollouts={rollouts}
        clusters={clusters.map((c) => ({ id: c.id, name: c.name, dnsName: c.dnsName }))}
        canEdit={project.role !== 'viewer'}
      />
    </>
  );
}

import { Boxes, CalendarClock, ChevronLeft, Split } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ApplicationActions } from '../../../../../components/applications/application-actions.tsx';
import { ApplicationHeader } from '../../../../../components/applications/application-header.tsx';
import { ApplicationServices } from '../../../../../components/services/application-services.tsx';
import { PageHeader } from '../../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../../server/auth/session.ts';
import { callerFor } from '../../../../../server/trpc/server-caller.ts';
import { loadProject } from '../../load-project.ts';
import { loadApplication } from '../load-application.ts';

export const metadata: Metadata = { title: 'Application' };

type Params = { params: Promise<{ projectId: string; applicationId: string }> };

// The original's application page: the settings, then the services grouped by level, live.
export default async function ApplicationPage({ params }: Params) {
  const { projectId, applicationId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications/${applicationId}`);
  const project = await loadProject(user, projectId);
  const application = await loadApplication(user, project.id, applicationId);
  const caller = callerFor(user);
  const [services, clusters] = await Promise.all([caller.service.list({ applicationId: application.id }), caller.cluster.list({ projectId: project.id })]);
  return (
    <>
      <Link href={`/projects/${project.id}/applications`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="h-4 w-4" aria-hidden />
        Applications
      </Link>
      <PageHeader
        title={application.name}
        description={application.description ?? undefined}
        actions={project.role !== 'viewer' ? <ApplicationActions projectId={project.id} application={application} /> : null}
      />
      <ApplicationHeader application={application} />
      <nav aria-label="Application sections" className="mt-4 flex gap-4 text-sm">
        <Link href={`/projects/${project.id}/applications/${application.id}/models`} className="inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline">
          <Boxes className="h-4 w-4" aria-hidden />
          Models
        </Link>
        <Link href={`/projects/${project.id}/applications/${application.id}/promotions`} className="inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline">
          <CalendarClock className="h-4 w-4" aria-hidden />
          Promotions
        </Link>
        <Link href={`/projects/${project.id}/applications/${application.id}/traffic`} className="inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline">
          <Split className="h-4 w-4" aria-hidden />
          Traffic
        </Link>
      </nav>
      <ApplicationServices
        projectId={project.id}
        applicationId={application.id}
        canEdit={project.role !== 'viewer'}
        clusters={clusters.map((c) => ({ id: c.id, name: c.name, dnsName: c.dnsName }))}
        initialServices={services}
      />
    </>
  );
}

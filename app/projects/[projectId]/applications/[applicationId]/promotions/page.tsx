import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PromotionsView } from '../../../../../../components/promotions/promotions-view.tsx';
import { PageHeader } from '../../../../../../components/ui/page-header.tsx';
import { requireUser } from '../../../../../../server/auth/session.ts';
import { callerFor } from '../../../../../../server/trpc/server-caller.ts';
import { loadProject } from '../../../load-project.ts';
import { loadApplication } from '../../load-application.ts';

export const metadata: Metadata = { title: 'Promotions' };

type Params = { params: Promise<{ projectId: string; applicationId: string }> };

// Scheduled promotions between the application's services, their runs and approvals.
export default async function PromotionsPage({ params }: Params) {
  const { projectId, applicationId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications/${applicationId}/promotions`);
  const project = await loadProject(user, projectId);
  const application = await loadApplication(user, project.id, applicationId);
  const caller = callerFor(user);
  const [services, members] = await Promise.all([caller.service.list({ applicationId: application.id }), caller.project.members({ projectId: project.id })]);
  const canApprove = members.some((m) => m.userId === user.id && m.approver);
  return (
    <>
      <Link href={`/projects/${project.id}/applications/${application.id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="h-4 w-4" aria-hidden />
        {application.name}
      </Link>
      <PageHeader
        title={`Promotions of ${application.name}`}
        description={
          canApprove
            ? 'You have the approver right: you can approve or reject promotions that wait for it.'
            : 'Models move from one service to another on a schedule, when they have soaked, stayed healthy and (if asked) been approved.'
        }
      />
      <PromotionsView
        applicationId={application.id}
        services={services.filter((s) => !s.deletedAt).map((s) => ({ id: s.id, displayName: s.displayName, level: s.level }))}
        isAdmin={project.role === 'admin'}
        canApprove={canApprove}
      />
    </>
  );
}

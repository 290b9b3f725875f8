import { ChevronLeft, Split } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { TrafficLevel } from '../../../../../../components/traffic/traffic-level.tsx';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { Card } from '../../../../../../components/ui/card.tsx';
import { PageHeader } from '../../../../../../components/ui/page-header.tsx';
import { serviceLevels } from '../../../../../../db/schema/common.ts';
import { requireUser } from '../../../../../../server/auth/session.ts';
import { callerFor } from '../../../../../../server/trpc/server-caller.ts';
import { loadProject } from '../../../load-project.ts';
import { loadApplication } from '../../load-application.ts';

export const metadata: Metadata = { title: 'Traffic' };

type Params = { params: Promise<{ projectId: string; applicationId: string }> };

// Per level, how the level host's traffic is split between its services (an A/B test).
export default async function TrafficPage({ params }: Params) {
  const { projectId, applicationId } = await params;
  const user = await requireUser(`/projects/${projectId}/applications/${applicationId}/traffic`);
  const project = await loadProject(user, projectId);
  const application = await loadApplication(user, project.id, applicationId);
  const services = await callerFor(user).service.list({ applicationId: application.id });
  const levels = serviceLevels.filter((level) => services.some((s) => s.level === level));
  return (
    <>
      <Link href={`/projects/${project.id}/applications/${application.id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="h-4 w-4" aria-hidden />
        {application.name}
      </Link>
      <PageHeader
        title={`Traffic of ${application.name}`}
        description="Weights in percent between the services of a level, applied as a rollout with history and rollback. Without a traffic router, a level's host splits traffic by ready pods."
      />
      {levels.length === 0 ? (
        <Card>
          <EmptyState icon={Split} title="No services yet">
            Traffic is split between the services of one level; create services first.
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-5">
          {levels.map((level) => (
            <TrafficLevel key={level} applicationId={application.id} level={level} canEdit={project.role !== 'viewer'} />
          ))}
        </div>
      )}
    </>
  );
}

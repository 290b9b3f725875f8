import type { ReactNode } from 'react';
import { AppShell } from '../../../components/shell/app-shell.tsx';
import { requireUser } from '../../../server/auth/session.ts';
import { callerFor } from '../../../server/trpc/server-caller.ts';
import { loadProject, type ProjectParams } from './load-project.ts';

export default async function ProjectLayout({ params, children }: ProjectParams & { children: ReactNode }) {
  const { projectId } = await params;
  // The pages check the session themselves too; this only builds the frame around them.
  const user = await requireUser(`/projects/${projectId}`);
  const [project, projects] = await Promise.all([loadProject(user, projectId), callerFor(user).project.list()]);
  return (
    <AppShell user={user} projects={projects} project={project}>
      {children}
    </AppShell>
  );
}

import type { ReactNode } from 'react';
import { AppShell } from '../../../components/shell/app-shell.tsx';
import { currentUser } from '../../../server/auth/session.ts';
import { callerFor } from '../../../server/trpc/server-caller.ts';
import { loadProject, type ProjectParams } from './load-project.ts';

export default async function ProjectLayout({ params, children }: ProjectParams & { children: ReactNode }) {
  const { projectId } = await params;
  // Signed out, the page itself redirects to sign-in (it knows its own path for the callbackUrl);
  // the layout only builds the frame around it.
  const user = await currentUser();
  if (!user) return children;
  const [project, projects] = await Promise.all([loadProject(user, projectId), callerFor(user).project.list()]);
  return (
    <AppShell user={user} projects={projects} project={project}>
      {children}
    </AppShell>
  );
}

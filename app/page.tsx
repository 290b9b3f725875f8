import { FolderKanban } from 'lucide-react';
import type { Metadata } from 'next';
import { ProjectCard } from '../components/projects/project-card.tsx';
import { NewProjectButton } from '../components/projects/new-project-button.tsx';
import { AppShell } from '../components/shell/app-shell.tsx';
import { Card } from '../components/ui/card.tsx';
import { EmptyState } from '../components/ui/empty-state.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { requireUser } from '../server/auth/session.ts';
import { callerFor } from '../server/trpc/server-caller.ts';

export const metadata: Metadata = { title: 'Projects' };

export default async function HomePage() {
  const user = await requireUser('/');
  const projects = await callerFor(user).project.list();
  return (
    <AppShell user={user} projects={projects}>
      <PageHeader
        title="Projects"
        description="Each project has its own clusters, applications, members and API tokens."
        actions={projects.length > 0 ? <NewProjectButton /> : null}
      />
      {projects.length === 0 ? (
        <Card>
          <EmptyState icon={FolderKanban} title="No projects yet" action={<NewProjectButton />}>
            Create a project for your team, or ask an admin of an existing project to add you by your email,{' '}
            <span className="font-medium whitespace-nowrap text-slate-700">{user.email}</span>.
          </EmptyState>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
          {projects.map((project) => (
            <li key={project.id}>
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      )}
    </AppShell>
  );
}

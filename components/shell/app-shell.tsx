import type { ReactNode } from 'react';
import { Logo } from './logo.tsx';
import { ProjectSwitcher, type SwitcherProject } from './project-switcher.tsx';
import { SideNav } from './side-nav.tsx';
import { UserMenu } from './user-menu.tsx';

/**
 * The frame of every signed-in page: top bar with the project switcher and the user menu, and,
 * inside a project, the project's side navigation.
 */
export function AppShell({
  user,
  projects,
  project,
  children,
}: {
  user: { name: string; email: string };
  projects: SwitcherProject[];
  project?: SwitcherProject;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 md:px-6">
          <Logo />
          <span className="mx-1 text-lg font-light text-slate-300" aria-hidden>
            /
          </span>
          <ProjectSwitcher projects={projects} currentId={project?.id} />
          <div className="ml-auto">
            <UserMenu name={user.name} email={user.email} />
          </div>
        </div>
      </header>
      {project ? (
        <div className="mx-auto max-w-7xl px-4 md:flex md:gap-8 md:px-6">
          <SideNav projectId={project.id} projectName={project.name} role={project.role} />
          <main className="min-w-0 flex-1 py-6 md:py-8">{children}</main>
        </div>
      ) : (
        <main className="mx-auto max-w-7xl px-4 py-8 md:px-6">{children}</main>
      )}
    </div>
  );
}

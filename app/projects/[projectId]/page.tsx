import { redirect } from 'next/navigation';
import { requireUser } from '../../../server/auth/session.ts';
import { loadProject, type ProjectParams } from './load-project.ts';

export default async function ProjectPage({ params }: ProjectParams) {
  const { projectId } = await params;
  const user = await requireUser(`/projects/${projectId}`);
  const project = await loadProject(user, projectId);
  redirect(`/projects/${project.id}/applications`);
}

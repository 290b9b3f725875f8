import { ArrowRight } from 'lucide-react';
import Link from 'next/link';
import { RelativeTime } from '../ui/relative-time.tsx';
import { focusRing } from '../ui/button.tsx';
import { RoleBadge } from './role-badge.tsx';
import { cn } from '../../lib/cn.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Project = RouterOutputs['project']['list'][number];

/** "recsys-prod" → "RP", "search" → "SE". */
function monogram(name: string): string {
  const parts = name.split('-').filter(Boolean);
  return parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[1]?.[0] ?? ''}` : name.slice(0, 2);
}

export function ProjectCard({ project }: { project: Project }) {
  return (
    <Link
      href={`/projects/${project.id}/applications`}
      className={cn(
        'group flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-500/40 hover:shadow-md',
        focusRing,
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-sm font-semibold text-slate-600 uppercase group-hover:bg-brand-50 group-hover:text-brand-700">
            {monogram(project.name)}
          </span>
          <h2 className="truncate font-semibold text-slate-900">{project.name}</h2>
        </div>
        <RoleBadge role={project.role} />
      </div>
      <p className={cn('mt-3 line-clamp-2 min-h-10 text-sm', project.description ? 'text-slate-600' : 'text-slate-400 italic')}>{project.description || 'No description'}</p>
      <div className="mt-4 flex items-center justify-between border-t border-slate-100 pt-3 text-xs text-slate-500">
        <span>
          Created <RelativeTime iso={project.createdAt} />
        </span>
        <ArrowRight className="h-4 w-4 text-slate-300 transition group-hover:translate-x-0.5 group-hover:text-brand-600" aria-hidden />
      </div>
    </Link>
  );
}

'use client';

import { Boxes, ScrollText, Server, Settings } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { focusRing } from '../ui/button.tsx';
import { roleWithArticle } from '../projects/role-phrase.ts';
import { cn } from '../../lib/cn.ts';

const sections = [
  { segment: 'applications', label: 'Applications', icon: Boxes },
  { segment: 'clusters', label: 'Clusters', icon: Server },
  { segment: 'audit', label: 'Audit', icon: ScrollText },
  { segment: 'settings', label: 'Settings', icon: Settings },
] as const;

export function SideNav({ projectId, projectName, role }: { projectId: number; projectName: string; role: string }) {
  const pathname = usePathname();
  return (
    <aside className="md:w-56 md:shrink-0">
      <div className="hidden px-3 pt-8 pb-3 md:block">
        <div className="text-xs font-medium tracking-wide text-slate-400 uppercase">Project</div>
        <div className="mt-1 truncate font-semibold text-slate-900" title={projectName}>
          {projectName}
        </div>
        <div className="text-xs text-slate-500">You are {roleWithArticle(role)}</div>
      </div>
      <nav aria-label="Project" className="-mx-4 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 py-2 md:mx-0 md:flex-col md:border-0 md:px-0">
        {sections.map(({ segment, label, icon: Icon }) => {
          const href = `/projects/${projectId}/${segment}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <Link
              key={segment}
              href={href}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors',
                focusRing,
                active ? 'bg-white text-brand-700 shadow-sm ring-1 ring-slate-200' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
              )}
            >
              <Icon className={cn('h-4 w-4', active ? 'text-brand-600' : 'text-slate-400')} aria-hidden />
              {label}
            </Link>
          );
        })}
      </nav>
    </aside>
  );
}

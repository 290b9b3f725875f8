'use client';

import { Check, ChevronsUpDown, LayoutGrid, Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { focusRing } from '../ui/button.tsx';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '../ui/dropdown-menu.tsx';
import { NewProjectDialog } from '../projects/new-project-dialog.tsx';
import { cn } from '../../lib/cn.ts';

export type SwitcherProject = { id: number; name: string; role: string };

export function ProjectSwitcher({ projects, currentId }: { projects: SwitcherProject[]; currentId?: number }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const current = projects.find((p) => p.id === currentId);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          className={cn('flex max-w-64 items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100', focusRing)}
          aria-label={current ? `Project ${current.name}, switch project` : 'Switch project'}
        >
          <span className="truncate">{current ? current.name : 'All projects'}</span>
          <ChevronsUpDown className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent className="w-64">
          <DropdownMenuLabel>Your projects</DropdownMenuLabel>
          <div className="max-h-72 overflow-y-auto">
            {projects.map((p) => (
              <DropdownMenuItem key={p.id} onSelect={() => router.push(`/projects/${p.id}/applications`)}>
                <Check className={cn('h-4 w-4 text-brand-600', p.id === currentId ? 'visible' : 'invisible')} aria-hidden />
                <span className="flex-1 truncate">{p.name}</span>
                <span className="text-xs text-slate-400">{p.role}</span>
              </DropdownMenuItem>
            ))}
            {projects.length === 0 ? <div className="px-2 py-1.5 text-sm text-slate-500">No projects yet</div> : null}
          </div>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => router.push('/')}>
            <LayoutGrid className="h-4 w-4" aria-hidden />
            All projects
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus className="h-4 w-4" aria-hidden />
            New project
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <NewProjectDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

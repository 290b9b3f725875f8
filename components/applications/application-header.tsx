import { GitBranch, KeyRound, Terminal } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card } from '../ui/card.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { LevelCounts } from './level-counts.tsx';

function Setting({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 items-start gap-2">
      <span className="mt-0.5 text-slate-400">{icon}</span>
      <div className="min-w-0">
        <div className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</div>
        <div className="mt-0.5 text-sm break-words text-slate-800">{children}</div>
      </div>
    </div>
  );
}

const unset = <span className="text-slate-400">not set</span>;

/** An application's settings at the top of its page (the page lists its services below). */
export function ApplicationHeader({ application }: { application: RouterOutputs['application']['get'] }) {
  return (
    <Card className="px-5 py-4">
      <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
        <Setting icon={<GitBranch className="h-4 w-4" aria-hidden />} label="Repository">
          {application.gitUrl ? (
            <>
              <code className="text-xs">{application.gitUrl}</code>
              {application.gitBranch ? <span className="block text-xs text-slate-500">branch {application.gitBranch}</span> : null}
            </>
          ) : (
            unset
          )}
        </Setting>
        <Setting icon={<Terminal className="h-4 w-4" aria-hidden />} label="Boot script">
          {application.bootScript ? <code className="text-xs">{application.bootScript}</code> : unset}
        </Setting>
        <Setting icon={<KeyRound className="h-4 w-4" aria-hidden />} label="Git SSH key">
          {application.gitSshKeySet ? 'saved, mounted at /root/.ssh' : unset}
        </Setting>
        <Setting icon={<span className="block h-4 w-4" />} label="Services">
          <LevelCounts counts={application.serviceCounts} />
        </Setting>
      </div>
    </Card>
  );
}

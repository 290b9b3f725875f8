'use client';

import { useQuery } from '@tanstack/react-query';
import { Boxes } from 'lucide-react';
import Link from 'next/link';
import { Card } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table.tsx';
import { AddApplicationButton } from './add-application-button.tsx';
import { LevelCounts } from './level-counts.tsx';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Application = RouterOutputs['application']['list'][number];

/** The Applications page's body: the list, or a helpful empty state with "Add application" for editors. */
export function ApplicationList({ projectId, canEdit, initialApplications }: { projectId: number; canEdit: boolean; initialApplications: Application[] }) {
  const trpc = useTRPC();
  const applications = useQuery({ ...trpc.application.list.queryOptions({ projectId }), initialData: initialApplications });
  if (applications.data.length === 0) {
    return (
      <Card>
        <EmptyState icon={Boxes} title="No applications yet" action={canEdit ? <AddApplicationButton projectId={projectId} /> : null}>
          {canEdit
            ? 'An application is one model server: create it, then deploy its services at development, beta, staging and production on your clusters.'
            : 'Editors and admins create applications; their services will show here.'}
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card>
      <Table aria-label="Applications">
        <THead>
          <TR>
            <TH>Application</TH>
            <TH>Services</TH>
            <TH>Repository</TH>
            <TH>Created</TH>
          </TR>
        </THead>
        <TBody>
          {applications.data.map((a) => (
            <TR key={a.id}>
              <TD>
                <Link href={`/projects/${projectId}/applications/${a.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {a.name}
                </Link>
                {a.description ? <div className="max-w-sm truncate text-xs text-slate-500">{a.description}</div> : null}
              </TD>
              <TD>
                <LevelCounts counts={a.serviceCounts} />
              </TD>
              <TD className="max-w-xs">
                {a.gitUrl ? (
                  <div className="truncate text-xs text-slate-600" title={a.gitUrl}>
                    <code>{a.gitUrl}</code>
                    {a.gitBranch ? <span className="text-slate-400"> · {a.gitBranch}</span> : null}
                  </div>
                ) : (
                  <span className="text-sm text-slate-400">—</span>
                )}
              </TD>
              <TD className="whitespace-nowrap text-slate-500">
                <RelativeTime iso={a.createdAt} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

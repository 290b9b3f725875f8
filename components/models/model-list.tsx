'use client';

import { useQuery } from '@tanstack/react-query';
import { Boxes } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '../ui/badge.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table.tsx';
import { formatBytes } from '../../lib/bytes.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Model = RouterOutputs['model']['list'][number];

export function ModelList({ projectId, applicationId, initialModels }: { projectId: number; applicationId: number; initialModels: Model[] }) {
  const trpc = useTRPC();
  const models = useQuery({ ...trpc.model.list.queryOptions({ applicationId }), initialData: initialModels, refetchInterval: 5_000 });
  return (
    <Card>
      <CardHeader title="Models" description="Each upload is one file with a name and version; services run one model at a time." />
      {models.data.length === 0 ? (
        <EmptyState icon={Boxes} title="No models yet">
          Upload a model file with Add model; it is copied to every cluster the application runs on.
        </EmptyState>
      ) : (
        <Table aria-label="Models">
          <THead>
            <TR>
              <TH>Model</TH>
              <TH>Size</TH>
              <TH>sha-256</TH>
              <TH>Uploaded</TH>
              <TH>Running on</TH>
            </TR>
          </THead>
          <TBody>
            {models.data.map((m) => (
              <TR key={m.id}>
                <TD>
                  <Link href={`/projects/${projectId}/applications/${applicationId}/models/${m.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {m.name} <span className="text-slate-500">{m.version}</span>
                  </Link>
                  {m.deleting ? (
                    <Badge tone="amber" className="ml-2">
                      deleting
                    </Badge>
                  ) : null}
                  {m.description ? <div className="max-w-sm truncate text-xs text-slate-500">{m.description}</div> : null}
                </TD>
                <TD className="whitespace-nowrap tabular-nums">{formatBytes(m.size)}</TD>
                <TD>
                  <code className="text-xs text-slate-600" title={m.sha256}>
                    {m.sha256.slice(0, 12)}…
                  </code>
                </TD>
                <TD className="whitespace-nowrap text-slate-500">
                  <RelativeTime iso={m.createdAt} />
                  {m.uploadedBy ? <div className="text-xs">{m.uploadedBy.email}</div> : null}
                </TD>
                <TD>{m.runningOn.length ? m.runningOn.map((s) => `${s.displayName} (${s.level})`).join(', ') : <span className="text-slate-400">—</span>}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

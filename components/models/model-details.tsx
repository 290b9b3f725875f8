'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RotateCcw, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Textarea } from '../ui/input.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table.tsx';
import { formatBytes } from '../../lib/bytes.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { ProgressBar } from './progress-bar.tsx';

type Model = RouterOutputs['model']['get'];
type ServiceRef = Model['runningOn'][number];

const copyTone: Record<string, BadgeTone> = { pending: 'neutral', copying: 'blue', verified: 'green', failed: 'red' };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-800">{children}</dd>
    </div>
  );
}

function Services({ services, none }: { services: ServiceRef[]; none: string }) {
  if (services.length === 0) return <p className="text-sm text-slate-400">{none}</p>;
  return (
    <ul className="flex flex-wrap gap-2">
      {services.map((s) => (
        <li key={s.id}>
          <Badge tone="violet">
            {s.displayName} ({s.level})
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** A model's facts, its editable description, its copy to each cluster (live), and who runs it. */
export function ModelDetails({ projectId, initialModel, canEdit }: { projectId: number; initialModel: Model; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const modelId = initialModel.id;
  const model = useQuery({ ...trpc.model.get.queryOptions({ modelId }), initialData: initialModel, refetchInterval: 5_000 });
  const copies = useQuery({
    ...trpc.model.copies.queryOptions({ modelId }),
    // Follows copies while any is under way.
    refetchInterval: (query) => (query.state.data?.every((c) => c.status === 'verified' || c.status === 'failed') ? 10_000 : 1_000),
  });
  const [description, setDescription] = useState(initialModel.description ?? '');
  const [confirming, setConfirming] = useState(false);
  const update = useMutation(
    trpc.model.update.mutationOptions({
      onSuccess: async () => {
        toast.success('Description saved');
        await queryClient.invalidateQueries({ queryKey: trpc.model.get.queryKey({ modelId }) });
      },
    }),
  );
  const retry = useMutation(
    trpc.model.retryCopy.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.model.copies.queryKey({ modelId }) }),
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(
    trpc.model.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Model ${model.data.name} ${model.data.version} deleted`);
        router.push(`/projects/${projectId}/applications/${model.data.applicationId}/models`);
      },
    }),
  );
  const m = model.data;

  return (
    <div className="flex flex-col gap-6">
      <Card className="px-5 py-4">
        <dl className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="File">
            <code className="text-xs">{m.fileName}</code>
          </Fact>
          <Fact label="Size">
            {formatBytes(m.size)} <span className="text-xs text-slate-500">({m.size.toLocaleString('en')} bytes)</span>
          </Fact>
          <Fact label="Uploaded">
            <RelativeTime iso={m.createdAt} />
            {m.uploadedBy ? <span className="block text-xs text-slate-500">by {m.uploadedBy.email}</span> : null}
          </Fact>
          <Fact label="sha-256">
            <code className="text-xs break-all" data-testid="model-sha256">
              {m.sha256}
            </code>
          </Fact>
        </dl>
        <div className="mt-5 flex flex-col gap-2">
          <label htmlFor="model-description" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            Description
          </label>
          <Textarea id="model-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} disabled={!canEdit} />
          {update.error ? <p className="text-sm text-red-600">{errorMessage(update.error)}</p> : null}
          {canEdit ? (
            <div className="flex justify-between">
              <Button size="sm" variant="secondary" loading={update.isPending} disabled={description === (m.description ?? '')} onClick={() => update.mutate({ modelId, description })}>
                Save description
              </Button>
              <Button size="sm" variant="danger-ghost" onClick={() => setConfirming(true)}>
                <Trash2 className="h-4 w-4" aria-hidden />
                Delete model
              </Button>
            </div>
          ) : null}
        </div>
      </Card>

      <Card>
        <CardHeader title="Copies" description="Each cluster the application runs on gets the file, checked against its sha-256 where the pods read it." />
        {copies.data && copies.data.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500">No copies yet: the application has no services. A switch to this model copies it to the service's cluster first.</p>
        ) : (
          <Table aria-label="Copies">
            <THead>
              <TR>
                <TH>Cluster</TH>
                <TH>State</TH>
                <TH className="w-1/3">Progress</TH>
                <TH />
              </TR>
            </THead>
            <TBody>
              {(copies.data ?? []).map((c) => (
                <TR key={c.clusterId}>
                  <TD className="font-medium text-slate-900">{c.clusterName}</TD>
                  <TD>
                    <Badge tone={copyTone[c.status] ?? 'neutral'} dot>
                      {c.status}
                    </Badge>
                    {c.error ? <div className="mt-1 max-w-md text-xs text-red-600">{c.error}</div> : null}
                  </TD>
                  <TD>
                    <ProgressBar value={c.bytesCopied} max={c.size} label={`Copy to ${c.clusterName}`} tone={c.status === 'failed' ? 'red' : c.status === 'verified' ? 'green' : 'brand'} />
                    <div className="mt-1 text-xs text-slate-500 tabular-nums">
                      {formatBytes(c.bytesCopied)} of {formatBytes(c.size)}
                      {c.verifiedAt ? (
                        <>
                          {' '}
                          · verified <RelativeTime iso={c.verifiedAt} />
                        </>
                      ) : null}
                    </div>
                  </TD>
                  <TD className="text-right">
                    {canEdit && c.status === 'failed' ? (
                      <Button size="sm" variant="secondary" loading={retry.isPending} onClick={() => retry.mutate({ modelId, clusterId: c.clusterId })}>
                        <RotateCcw className="h-4 w-4" aria-hidden />
                        Retry
                      </Button>
                    ) : null}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card className="grid gap-5 px-5 py-4 sm:grid-cols-2">
        <div>
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Running it now</h2>
          <Services services={m.runningOn} none="No service runs it." />
        </div>
        <div>
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Ran it before</h2>
          <Services services={m.ranBefore} none="No other service ran it." />
        </div>
      </Card>

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete model ${m.name} ${m.version}?`}
        confirmLabel="Delete model"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ modelId })}
      >
        Its file is removed from staging and from every cluster&apos;s storage. A model a service runs cannot be deleted.
        {remove.error ? <span className="mt-2 block text-red-600">{errorMessage(remove.error)}</span> : null}
      </ConfirmDialog>
    </div>
  );
}

'use client';

import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

const statusTone: Record<string, BadgeTone> = { queued: 'neutral', running: 'blue', succeeded: 'green', failed: 'red', cancelled: 'neutral', superseded: 'neutral' };

/**
 * The original's "Switch Models": each service of the application with the model it runs and a
 * choice of another; Save starts one model_switch rollout per changed service and follows them.
 */
export function SwitchModels({ applicationId, canEdit }: { applicationId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const services = useQuery({ ...trpc.service.list.queryOptions({ applicationId }), refetchInterval: 3_000 });
  const models = useQuery(trpc.model.list.queryOptions({ applicationId }));
  const [choice, setChoice] = useState<Record<number, string>>({});
  const [started, setStarted] = useState<Record<number, number>>({});
  const rollouts = useQueries({
    queries: Object.entries(started).map(([, rolloutId]) => ({
      ...trpc.rollout.get.queryOptions({ rolloutId }),
      refetchInterval: (query: { state: { data?: { status: string } } }) => (['queued', 'running'].includes(query.state.data?.status ?? 'queued') ? 1_000 : false),
    })),
  });
  const switchModel = useMutation(trpc.service.switchModel.mutationOptions());
  const rollback = useMutation(trpc.rollout.rollback.mutationOptions());

  /** Back to the revision before the switch: its spec and its model (or none). */
  async function rollBack(serviceId: number, switchRolloutId: number) {
    try {
      const history = await queryClient.fetchQuery(trpc.rollout.list.queryOptions({ serviceId }));
      const before = history.find((r) => r.id < switchRolloutId && r.status === 'succeeded');
      if (!before) return void toast.error('There is no earlier revision that succeeded to roll back to.');
      const { rolloutId } = await rollback.mutateAsync({ serviceId, toRolloutId: before.id, reason: 'rolled back from Switch models' });
      setStarted((s) => ({ ...s, [serviceId]: rolloutId }));
      await queryClient.invalidateQueries({ queryKey: trpc.service.list.queryKey({ applicationId }) });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }
  const [saving, setSaving] = useState(false);

  const live = (services.data ?? []).filter((s) => s.status !== 'deleted' && s.status !== 'deleting');
  const choices = (models.data ?? []).filter((m) => !m.deleting);
  const changed = live.filter((s) => choice[s.id] !== undefined && choice[s.id] !== String(s.currentModel?.id ?? ''));

  async function save() {
    setSaving(true);
    for (const service of changed) {
      try {
        const { rolloutId } = await switchModel.mutateAsync({ serviceId: service.id, modelId: Number(choice[service.id]) });
        setStarted((s) => ({ ...s, [service.id]: rolloutId }));
      } catch (error) {
        toast.error(`${service.displayName}: ${errorMessage(error)}`);
      }
    }
    setChoice({});
    setSaving(false);
    await queryClient.invalidateQueries({ queryKey: trpc.service.list.queryKey({ applicationId }) });
    await queryClient.invalidateQueries({ queryKey: trpc.model.list.queryKey({ applicationId }) });
  }

  return (
    <Card>
      <CardHeader
        title="Switch models"
        description="Pick a model for each service; saving rolls each changed service to it (a model switch in its history)."
        actions={
          canEdit ? (
            <Button onClick={() => void save()} disabled={changed.length === 0} loading={saving}>
              Save {changed.length > 0 ? `(${changed.length})` : ''}
            </Button>
          ) : null
        }
      />
      {live.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">The application has no services yet.</p>
      ) : (
        <Table aria-label="Services and their models">
          <THead>
            <TR>
              <TH>Service</TH>
              <TH>Running</TH>
              <TH>Switch to</TH>
              <TH>Last switch</TH>
            </TR>
          </THead>
          <TBody>
            {live.map((s) => {
              const index = Object.keys(started).indexOf(String(s.id));
              const rollout = index >= 0 ? rollouts[index]?.data : undefined;
              return (
                <TR key={s.id}>
                  <TD>
                    <div className="font-medium text-slate-900">{s.displayName}</div>
                    <div className="text-xs text-slate-500">
                      {s.level} · {s.clusterName ?? 'no cluster'}
                    </div>
                  </TD>
                  <TD>{s.currentModel ? `${s.currentModel.name} ${s.currentModel.version}` : <span className="text-slate-400">no model</span>}</TD>
                  <TD>
                    <select
                      aria-label={`Model for ${s.displayName}`}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-50"
                      disabled={!canEdit || saving}
                      value={choice[s.id] ?? String(s.currentModel?.id ?? '')}
                      onChange={(e) => setChoice((c) => ({ ...c, [s.id]: e.target.value }))}
                    >
                      {s.currentModel ? null : <option value="">no model</option>}
                      {choices.map((m) => (
                        <option key={m.id} value={String(m.id)}>
                          {m.name} {m.version}
                        </option>
                      ))}
                    </select>
                  </TD>
                  <TD>
                    {rollout ? (
                      <div className="flex flex-col gap-1">
                        <Badge tone={statusTone[rollout.status] ?? 'neutral'} dot>
                          revision {rollout.revision} {rollout.status}
                        </Badge>
                        {rollout.progressDetail?.phase && rollout.status === 'running' ? <span className="text-xs text-slate-500">{rollout.progressDetail.phase}</span> : null}
                        {rollout.error ? <span className="max-w-xs text-xs text-red-600">{rollout.error}</span> : null}
                        {canEdit && rollout.status === 'succeeded' && rollout.kind === 'model_switch' ? (
                          <Button variant="secondary" size="sm" className="self-start" loading={rollback.isPending} onClick={() => void rollBack(s.id, rollout.id)}>
                            Roll back
                          </Button>
                        ) : null}
                      </div>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

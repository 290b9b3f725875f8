'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { FieldInput } from '../clusters/field-input.tsx';
import { Checkbox } from '../ui/checkbox.tsx';
import { Dialog, DialogContent, FormDialogFooter } from '../ui/dialog.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { Group, SpecFields } from './spec-fields.tsx';
import { blankSpecForm, formToPatch, formToSpec, specToForm, type SpecForm } from './spec-form.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { issueAt, levelOptions, type Level } from './levels.ts';
import { useRereadServices } from './use-live-services.ts';

// A list entry: the service page's fuller `service.get` result fits it too.
type Service = RouterOutputs['service']['list'][number];
export type ClusterChoice = { id: number; name: string; dnsName: string };

type Settings = { displayName: string; description: string; autoRollback: boolean; reason: string; clusterId: string; level: Level };

/**
 * "Add service" with the whole ServiceSpec, or "Edit configuration" of an existing service (a spec
 * change starts an `update` rollout; name, description and auto-rollback change at once).
 */
export function ServiceDialog({
  applicationId,
  clusters,
  service,
  defaultLevel = 'development',
  open,
  onOpenChange,
}: {
  applicationId: number;
  clusters: ClusterChoice[];
  service?: Service;
  defaultLevel?: Level;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const reread = useRereadServices();
  const initialSettings: Settings = {
    displayName: service?.displayName ?? '',
    description: service?.description ?? '',
    autoRollback: service?.autoRollback ?? false,
    reason: '',
    clusterId: String(service?.clusterId ?? clusters[0]?.id ?? ''),
    level: service?.level ?? defaultLevel,
  };
  const initialSpec = service ? specToForm(service.spec) : blankSpecForm;
  const [settings, setSettings] = useState(initialSettings);
  const [spec, setSpec] = useState<SpecForm>(initialSpec);
  const reset = () => {
    setSettings(initialSettings);
    setSpec(initialSpec);
  };
  const create = useMutation(
    trpc.service.create.mutationOptions({
      onSuccess: () => {
        toast.success('Service added: its first rollout is under way');
        reread();
        onOpenChange(false);
        reset();
        // The application header's per-level counts are rendered on the server.
        router.refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.service.update.mutationOptions({
      onSuccess: ({ rolloutId }) => {
        toast.success(rolloutId ? 'Configuration saved: rolling out' : 'Settings saved');
        reread();
        onOpenChange(false);
      },
    }),
  );
  const mutation = service ? update : create;
  const err = (path: string) => issueAt(mutation.error, path);
  const specErr = (field: string) => err(`spec.${field}`);
  const known = ['displayName', 'description', 'clusterId', 'level', 'reason', 'spec'];
  const otherError = mutation.error && !known.some((f) => err(f)) ? errorMessage(mutation.error) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
    if (service) {
      update.mutate({
        serviceId: service.id,
        spec: formToPatch(spec),
        displayName: text(settings.displayName),
        description: text(settings.description) ?? null,
        autoRollback: settings.autoRollback,
        reason: text(settings.reason),
      });
    } else {
      create.mutate({
        applicationId,
        clusterId: Number(settings.clusterId),
        level: settings.level,
        displayName: text(settings.displayName),
        description: text(settings.description),
        autoRollback: settings.autoRollback,
        reason: text(settings.reason),
        spec: formToSpec(spec),
      });
    }
  }

  const set = (change: Partial<Settings>) => setSettings((s) => ({ ...s, ...change }));
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          mutation.reset();
          reset();
        }
        onOpenChange(next);
      }}
    >
      <DialogContent
        className="max-h-[92vh] max-w-3xl overflow-y-auto"
        title={service ? `Edit ${service.displayName}` : 'Add service'}
        description={service ? 'A configuration change rolls out to the cluster as a new revision; you can roll it back from the service page.' : 'A model server at one level, deployed to a cluster as a rollout you can watch.'}
      >
        <form onSubmit={submit} className="space-y-5" noValidate>
          <Group title="Service">
            {service ? null : (
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label="Cluster" htmlFor="svc-cluster" error={err('clusterId')}>
                  <Select
                    id="svc-cluster"
                    value={settings.clusterId}
                    onChange={(clusterId) => set({ clusterId })}
                    placeholder="Choose a cluster"
                    options={clusters.map((c) => ({ value: String(c.id), label: c.name, description: c.dnsName }))}
                  />
                </Field>
                <Field label="Level" htmlFor="svc-level" error={err('level')}>
                  <Select id="svc-level" value={settings.level} onChange={(level) => set({ level: level as Level })} options={levelOptions} />
                </Field>
              </div>
            )}
            <div className="grid gap-3 sm:grid-cols-2">
              <FieldInput
                id="svc-display-name"
                label="Display name"
                value={settings.displayName}
                onChange={(e) => set({ displayName: e.target.value })}
                placeholder={service ? undefined : 'defaults to the Kubernetes name'}
                error={err('displayName')}
              />
              <FieldInput id="svc-description" label="Description" value={settings.description} onChange={(e) => set({ description: e.target.value })} placeholder="Optional" error={err('description')} />
            </div>
          </Group>
          <SpecFields form={spec} set={(change) => setSpec((s) => ({ ...s, ...change }))} err={specErr} />
          <Group title="Safety">
            <Checkbox
              label="Roll back automatically"
              hint="When a rollout of this service fails, Drucker rolls back to the last configuration that succeeded."
              checked={settings.autoRollback}
              onChange={(e) => set({ autoRollback: e.target.checked })}
            />
            <FieldInput id="svc-reason" label="Reason" value={settings.reason} onChange={(e) => set({ reason: e.target.value })} placeholder="Optional: why, for the history and the audit log" error={err('reason')} />
          </Group>
          <FormDialogFooter error={otherError} submitLabel={service ? 'Save and roll out' : 'Add and deploy'} pending={mutation.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

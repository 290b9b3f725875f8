'use client';

import type { ReactNode } from 'react';
import { FieldInput } from '../clusters/field-input.tsx';
import { Checkbox } from '../ui/checkbox.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { EnvEditor } from './env-editor.tsx';
import type { SpecForm } from './spec-form.ts';

/** A titled group of fields inside the service dialog. */
export function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0">
      <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Every field of a ServiceSpec (image, resources, scaling, rollout strategy, environment).
 * `err` maps a spec field to the API's message for it.
 */
export function SpecFields({ form, set, err }: { form: SpecForm; set: (change: Partial<SpecForm>) => void; err: (field: string) => string | undefined }) {
  const input = (id: keyof SpecForm, label: string, extra: { placeholder?: string; hint?: string; inputMode?: 'numeric' } = {}) => (
    <FieldInput id={`svc-${id}`} label={label} value={form[id] as string} onChange={(e) => set({ [id]: e.target.value })} error={err(id)} {...extra} />
  );
  return (
    <>
      <Group title="Container">
        <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
          {input('image', 'Image', { placeholder: 'example/iris:1', hint: 'The model server image, as the cluster pulls it.' })}
          {input('port', 'Port', { inputMode: 'numeric', hint: 'gRPC port.' })}
        </div>
      </Group>
      <Group title="Resources">
        <div className="grid gap-3 sm:grid-cols-4">
          {input('cpuRequest', 'CPU request', { placeholder: '500m' })}
          {input('cpuLimit', 'CPU limit', { placeholder: 'same as request' })}
          {input('memoryRequest', 'Memory request', { placeholder: '512Mi' })}
          {input('memoryLimit', 'Memory limit', { placeholder: 'same as request' })}
        </div>
      </Group>
      <Group title="Scaling">
        <Checkbox
          label="Autoscaling"
          hint="A HorizontalPodAutoscaler keeps the replicas between a minimum and a maximum by CPU use."
          checked={form.autoscaling}
          onChange={(e) => set({ autoscaling: e.target.checked })}
        />
        {form.autoscaling ? (
          <div className="grid gap-3 sm:grid-cols-3">
            {input('minReplicas', 'Minimum replicas', { inputMode: 'numeric' })}
            {input('maxReplicas', 'Maximum replicas', { inputMode: 'numeric' })}
            {input('cpuThreshold', 'CPU threshold (%)', { inputMode: 'numeric' })}
          </div>
        ) : (
          <div className="grid gap-3 sm:grid-cols-3">{input('replicas', 'Replicas', { inputMode: 'numeric' })}</div>
        )}
      </Group>
      <Group title="Rollout">
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Strategy" htmlFor="svc-strategy" error={err('strategy')}>
            <Select
              id="svc-strategy"
              value={form.strategy}
              onChange={(v) => set({ strategy: v as SpecForm['strategy'] })}
              options={[
                { value: 'RollingUpdate', label: 'Rolling update', description: 'New pods replace old ones gradually.' },
                { value: 'Recreate', label: 'Recreate', description: 'All old pods stop before new ones start.' },
              ]}
            />
          </Field>
          {form.strategy === 'RollingUpdate' ? (
            <>
              {input('maxSurge', 'Max surge', { hint: 'Extra pods during a rollout: 1 or 25%.' })}
              {input('maxUnavailable', 'Max unavailable', { hint: 'Pods that may be down: 0 or 25%.' })}
            </>
          ) : null}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          {input('minReadySeconds', 'Wait seconds', { inputMode: 'numeric', hint: 'A new pod must stay ready this long to count (minReadySeconds).' })}
          {input('progressDeadlineSeconds', 'Progress deadline (s)', { inputMode: 'numeric', hint: 'A rollout that stops progressing this long fails.' })}
        </div>
      </Group>
      <Group title="Environment variables">
        <EnvEditor value={form.env} onChange={(env) => set({ env })} error={err('env')} />
      </Group>
    </>
  );
}

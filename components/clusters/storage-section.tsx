'use client';

import { Checkbox } from '../ui/checkbox.tsx';
import { FormSection } from '../ui/form-section.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { FieldInput } from './field-input.tsx';
import type { ClusterFormState } from './form-state.ts';
import { SecretChoice } from '../ui/secret-choice.tsx';

/**
 * Model storage has two sides (DESIGN.md "Models"): where Drucker writes model files, and how the
 * pods see the same files. In production both are one shared volume.
 */
export function StorageSection({
  state,
  update,
  err,
  credentialsSet,
}: {
  state: ClusterFormState;
  update: (change: Partial<ClusterFormState>) => void;
  err: (path: string) => string | undefined;
  /** Edit only: S3 keys are saved for this cluster. */
  credentialsSet: boolean;
}) {
  const askKeys = !credentialsSet || state.s3Action === 'replace';
  return (
    <FormSection title="Model storage" description="Where Drucker copies model files for this cluster, and where its pods find them.">
      <Field label="Drucker writes models to" htmlFor="cluster-write-kind">
        <Select
          id="cluster-write-kind"
          value={state.writeKind}
          onChange={(v) => update({ writeKind: v as ClusterFormState['writeKind'] })}
          options={[
            { value: 'fs', label: 'A directory', description: "On the worker's host: a shared volume the nodes also mount" },
            { value: 's3', label: 'An S3 bucket', description: 'Any S3-compatible store' },
          ]}
        />
      </Field>
      {state.writeKind === 'fs' ? (
        <FieldInput
          id="cluster-dir"
          label="Directory"
          value={state.dir}
          onChange={(e) => update({ dir: e.target.value })}
          placeholder={`./data/clusters/${state.name.trim() || '<cluster name>'}`}
          hint="Absolute, or relative to the worker's directory. Empty: the placeholder."
          error={err('modelStorage.write.dir')}
          className="font-mono"
        />
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <FieldInput id="cluster-bucket" label="Bucket" value={state.bucket} onChange={(e) => update({ bucket: e.target.value })} error={err('modelStorage.write.bucket')} />
            <FieldInput id="cluster-prefix" label="Prefix" value={state.prefix} onChange={(e) => update({ prefix: e.target.value })} hint="Optional, e.g. drucker/prod." error={err('modelStorage.write.prefix')} />
            <FieldInput
              id="cluster-endpoint"
              label="Endpoint"
              value={state.endpoint}
              onChange={(e) => update({ endpoint: e.target.value })}
              placeholder="AWS S3"
              hint="Only for other S3-compatible stores."
              error={err('modelStorage.write.endpoint')}
            />
            <FieldInput id="cluster-region" label="Region" value={state.region} onChange={(e) => update({ region: e.target.value })} placeholder="us-east-1" error={err('modelStorage.write.region')} />
          </div>
          <Checkbox label="Path-style addressing" hint="Needed by most self-hosted S3-compatible stores." checked={state.forcePathStyle} onChange={(e) => update({ forcePathStyle: e.target.checked })} />
          {credentialsSet ? <SecretChoice id="cluster-s3-action" value={state.s3Action} onChange={(s3Action) => update({ s3Action })} what="access keys" /> : null}
          {askKeys ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <FieldInput
                id="cluster-s3-key-id"
                label="Access key ID"
                value={state.s3AccessKeyId}
                onChange={(e) => update({ s3AccessKeyId: e.target.value })}
                hint="Optional: without keys the worker's own AWS credentials apply."
                error={err('modelStorageCredentials.accessKeyId')}
              />
              <FieldInput
                id="cluster-s3-secret"
                label="Secret access key"
                type="password"
                value={state.s3SecretAccessKey}
                onChange={(e) => update({ s3SecretAccessKey: e.target.value })}
                hint="Stored encrypted; never shown again."
                error={err('modelStorageCredentials.secretAccessKey')}
              />
            </div>
          ) : null}
        </>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Pods mount it from" htmlFor="cluster-pods-kind">
          <Select
            id="cluster-pods-kind"
            value={state.podsKind}
            onChange={(v) => update({ podsKind: v as ClusterFormState['podsKind'] })}
            options={[
              { value: 'hostPath', label: 'A host path', description: 'A directory every node mounts (the original Drucker’s)' },
              { value: 'pvc', label: 'A PersistentVolumeClaim', description: 'A ReadOnlyMany or ReadWriteMany claim in each namespace' },
            ]}
          />
        </Field>
        {state.podsKind === 'hostPath' ? (
          <FieldInput id="cluster-host-path" label="Host path" value={state.hostPath} onChange={(e) => update({ hostPath: e.target.value })} error={err('modelStorage.pods.path')} className="font-mono" />
        ) : (
          <FieldInput id="cluster-claim" label="Claim name" value={state.claimName} onChange={(e) => update({ claimName: e.target.value })} error={err('modelStorage.pods.claimName')} />
        )}
      </div>
      <FieldInput
        id="cluster-mount-path"
        label="Model directory in the pod"
        value={state.mountPath}
        onChange={(e) => update({ mountPath: e.target.value })}
        hint="DRUCKER_SERVICE_MODEL_DIR for the runtime."
        error={err('modelStorage.mountPath')}
        className="font-mono"
      />
    </FormSection>
  );
}

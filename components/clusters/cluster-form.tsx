'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { FormSection } from '../ui/form-section.tsx';
import { Textarea } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { FieldInput } from './field-input.tsx';
import { emptyClusterForm, formFromCluster, toCreateInput, toUpdateInput, type ClusterFormState } from './form-state.ts';
import { HostsSection } from './hosts-section.tsx';
import { KubeconfigSection } from './kubeconfig-section.tsx';
import { ServiceDbSection } from './service-db-section.tsx';
import { StorageSection } from './storage-section.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Cluster = RouterOutputs['cluster']['get'];

/** What went wrong on submit, sorted by where the form shows it. */
function describeError(error: { message: string; data?: object | null } | null) {
  const field = (path: string) => (error ? fieldError(error, path) : undefined);
  if (!error) return { field };
  const data = error.data ?? {};
  if ('details' in data && typeof data.details === 'object' && data.details && 'verification' in data.details) return { field, verification: error.message };
  // Validation issues show under their fields; this line lists them all, in case one is off screen.
  if ('issues' in data) return { field, general: `Some fields need attention: ${error.message.replace(/^Invalid input: /, '')}` };
  // A taken name belongs under the name field; other conflicts (a concurrent edit) below the form.
  if ('code' in data && data.code === 'CONFLICT' && / named /.test(error.message)) return { field, nameTaken: error.message };
  return { field, general: errorMessage(error) };
}

/** Add cluster (no `cluster`) or edit one: the original's "Add Host" fields with the defaults filled in. */
export function ClusterForm({ projectId, cluster }: { projectId: number; cluster?: Cluster }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ClusterFormState>(() => (cluster ? formFromCluster(cluster) : emptyClusterForm));
  const update = (change: Partial<ClusterFormState>) => setState((s) => ({ ...s, ...change }));
  const listKey = trpc.cluster.list.queryKey({ projectId });

  const create = useMutation(
    trpc.cluster.create.mutationOptions({
      onSuccess: async ({ clusterId }, input) => {
        toast.success(`Cluster ${input.name} added and verified`);
        await queryClient.invalidateQueries({ queryKey: listKey });
        router.push(`/projects/${projectId}/clusters/${clusterId}`);
        router.refresh();
      },
    }),
  );
  const save = useMutation(
    trpc.cluster.update.mutationOptions({
      onSuccess: async (_ok, input) => {
        toast.success(`Cluster ${input.name ?? ''} saved`);
        await queryClient.invalidateQueries({ queryKey: listKey });
        router.push(`/projects/${projectId}/clusters/${input.clusterId}`);
        router.refresh();
      },
    }),
  );
  const mutation = cluster ? save : create;
  const problem = describeError(mutation.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (cluster) save.mutate(toUpdateInput(cluster.id, state));
    else create.mutate(toCreateInput(projectId, state));
  }

  const kubeconfigError = problem.field('kubeconfig') ?? problem.field('context');
  return (
    <form onSubmit={submit} noValidate>
      <Card>
        <FormSection title="Cluster" description="How people in this project will know it.">
          <FieldInput
            id="cluster-name"
            label="Name"
            value={state.name}
            onChange={(e) => update({ name: e.target.value })}
            placeholder="prod-tokyo"
            hint="Lowercase letters, digits and '-'."
            error={problem.field('name') ?? problem.nameTaken}
            autoFocus={!cluster}
          />
          <Field label="Description" htmlFor="cluster-description" hint="Optional.">
            <Textarea id="cluster-description" rows={2} value={state.description} onChange={(e) => update({ description: e.target.value })} />
          </Field>
        </FormSection>
        <KubeconfigSection
          projectId={projectId}
          state={state}
          update={update}
          kubeconfigError={kubeconfigError}
          current={cluster ? { context: cluster.context, apiServerUrl: cluster.apiServerUrl } : undefined}
        />
        <HostsSection state={state} update={update} err={problem.field} />
        <StorageSection state={state} update={update} err={problem.field} credentialsSet={cluster?.modelStorageCredentialsSet ?? false} />
        <ServiceDbSection state={state} update={update} err={problem.field} passwordSet={cluster?.serviceDb?.passwordSet ?? false} />
      </Card>
      {problem.verification ? (
        <div className="mt-4 flex gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" role="alert">
          <ShieldAlert className="mt-0.5 h-5 w-5 shrink-0 text-red-600" aria-hidden />
          <div>
            <p className="font-semibold">Drucker could not verify this cluster, so nothing was saved.</p>
            <p className="mt-1 break-words">{problem.verification}</p>
          </div>
        </div>
      ) : problem.general ? (
        <p className="mt-4 text-sm text-red-600" role="alert">
          {problem.general}
        </p>
      ) : null}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" asChild>
          <Link href={cluster ? `/projects/${projectId}/clusters/${cluster.id}` : `/projects/${projectId}/clusters`}>Cancel</Link>
        </Button>
        <Button type="submit" loading={mutation.isPending}>
          {mutation.isPending ? 'Verifying…' : cluster ? 'Save changes' : 'Verify and add cluster'}
        </Button>
      </div>
    </form>
  );
}

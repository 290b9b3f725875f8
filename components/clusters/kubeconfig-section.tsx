'use client';

import { useMutation } from '@tanstack/react-query';
import { CircleAlert, FileUp, Server } from 'lucide-react';
import { useEffect, useState, type ChangeEvent } from 'react';
import { Button } from '../ui/button.tsx';
import { FormSection } from '../ui/form-section.tsx';
import { Textarea } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { Spinner } from '../ui/spinner.tsx';
import type { ClusterFormState } from './form-state.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

const MAX_FILE_BYTES = 256 * 1024;

/**
 * The kubeconfig, uploaded or pasted. Its contexts are read by the server as soon as it is
 * complete (nothing is saved or contacted), so a kubeconfig with several offers a choice.
 */
export function KubeconfigSection({
  projectId,
  state,
  update,
  kubeconfigError,
  current,
}: {
  projectId: number;
  state: ClusterFormState;
  update: (change: Partial<ClusterFormState>) => void;
  kubeconfigError?: string;
  /** Edit only: what the stored kubeconfig connects to. */
  current?: { context: string; apiServerUrl: string };
}) {
  const trpc = useTRPC();
  const { mutate: inspect, reset, data, error, isPending } = useMutation(trpc.cluster.inspectKubeconfig.mutationOptions());
  const text = state.replaceKubeconfig ? state.kubeconfig : '';
  const [fileError, setFileError] = useState<string>();

  useEffect(() => {
    if (text.trim() === '') {
      reset();
      return;
    }
    const timer = setTimeout(
      () =>
        inspect(
          { projectId, kubeconfig: text },
          {
            onSuccess: ({ contexts, currentContext }) => {
              const usable = contexts.filter((c) => !c.problem);
              const keep = contexts.some((c) => c.name === state.context);
              if (!keep) update({ context: currentContext ?? usable[0]?.name ?? contexts[0]?.name ?? '' });
            },
          },
        ),
      400,
    );
    return () => clearTimeout(timer);
    // Re-read only when the text changes; the chosen context is the user's from then on.
  }, [text, projectId]);

  async function loadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(`${file.name} is larger than 256 KiB; upload only the context Drucker should use (kubectl config view --minify --flatten).`);
      return;
    }
    setFileError(undefined);
    update({ kubeconfig: await file.text(), kubeconfigFileName: file.name, context: '' });
  }

  const contexts = data?.contexts ?? [];
  const chosen = contexts.find((c) => c.name === state.context);
  const editing = current !== undefined;

  return (
    <FormSection
      title="Connection"
      description="A kubeconfig whose user may manage deployments, services, ingresses, autoscalers and secrets. Drucker checks it before saving and keeps it encrypted."
    >
      {editing && !state.replaceKubeconfig ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm">
          <span className="flex min-w-0 items-center gap-2 text-slate-700">
            <Server className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
            <span className="truncate">
              Context <strong className="font-medium">{current.context}</strong> at <code className="text-xs">{current.apiServerUrl}</code>
            </span>
          </span>
          <Button variant="secondary" size="sm" onClick={() => update({ replaceKubeconfig: true, context: '' })}>
            Replace kubeconfig
          </Button>
        </div>
      ) : (
        <>
          <Field
            label="Kubeconfig"
            htmlFor="cluster-kubeconfig"
            hint={state.kubeconfigFileName ? `Loaded from ${state.kubeconfigFileName}.` : 'Upload the file or paste its contents. Exec and auth-provider plugins and file paths are not supported: embed the data.'}
            error={fileError ?? kubeconfigError ?? (error ? errorMessage(error) : undefined)}
            errorId="cluster-kubeconfig-error"
          >
            <div className="flex flex-wrap items-center gap-2">
              <label className="inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-within:ring-2 focus-within:ring-brand-500">
                <FileUp className="h-4 w-4" aria-hidden />
                Upload kubeconfig file
                <input type="file" className="sr-only" onChange={(e) => void loadFile(e)} aria-label="Upload kubeconfig file" />
              </label>
              {editing ? (
                <Button variant="ghost" size="sm" onClick={() => update({ replaceKubeconfig: false, kubeconfig: '', kubeconfigFileName: null, context: current.context })}>
                  Keep the current kubeconfig
                </Button>
              ) : null}
              {isPending ? <Spinner className="h-4 w-4 text-slate-400" label="Reading contexts" /> : null}
            </div>
            <Textarea
              id="cluster-kubeconfig"
              value={state.kubeconfig}
              onChange={(e) => update({ kubeconfig: e.target.value, kubeconfigFileName: null })}
              rows={7}
              spellCheck={false}
              placeholder={'apiVersion: v1\nkind: Config\nclusters: …'}
              className="font-mono text-xs"
              aria-invalid={kubeconfigError || error ? true : undefined}
              aria-describedby={kubeconfigError || error ? 'cluster-kubeconfig-error' : undefined}
            />
          </Field>
          {contexts.length > 1 ? (
            <Field label="Context" htmlFor="cluster-context" hint="This kubeconfig has several; Drucker uses the one you pick.">
              <Select
                id="cluster-context"
                value={state.context}
                onChange={(context) => update({ context })}
                options={contexts.map((c) => ({ value: c.name, label: c.name, description: c.problem ? `cannot be used: ${c.problem}` : c.server }))}
              />
            </Field>
          ) : null}
          {chosen ? (
            <p className={chosen.problem ? 'flex gap-2 text-sm text-red-600' : 'flex gap-2 text-sm text-slate-600'}>
              {chosen.problem ? <CircleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden /> : <Server className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />}
              <span>
                Context <strong className="font-medium">{chosen.name}</strong>: {chosen.problem ?? <code className="text-xs">{chosen.server}</code>}
              </span>
            </p>
          ) : null}
        </>
      )}
    </FormSection>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { FieldInput } from '../clusters/field-input.tsx';
import { Dialog, DialogContent, FormDialogFooter } from '../ui/dialog.tsx';
import { Textarea } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { SecretChoice, type SecretAction } from '../ui/secret-choice.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Application = RouterOutputs['application']['get'];

const blank = { name: '', description: '', gitUrl: '', gitBranch: '', bootScript: '', gitSshKey: '' };

/** "Add application", or edit one when `application` is given. */
export function ApplicationDialog({
  projectId,
  application,
  open,
  onOpenChange,
}: {
  projectId: number;
  application?: Application;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const initial = application
    ? { name: application.name, description: application.description ?? '', gitUrl: application.gitUrl ?? '', gitBranch: application.gitBranch ?? '', bootScript: application.bootScript ?? '', gitSshKey: '' }
    : blank;
  const [form, setForm] = useState(initial);
  const [keyAction, setKeyAction] = useState<SecretAction>(application?.gitSshKeySet ? 'keep' : 'replace');
  const set = (change: Partial<typeof blank>) => setForm((f) => ({ ...f, ...change }));
  const done = async (message: string) => {
    toast.success(message);
    onOpenChange(false);
    await queryClient.invalidateQueries({ queryKey: trpc.application.list.queryKey({ projectId }) });
    router.refresh();
  };
  const create = useMutation(
    trpc.application.create.mutationOptions({
      onSuccess: async ({ applicationId }, input) => {
        await done(`Application ${input.name} created`);
        setForm(blank);
        router.push(`/projects/${projectId}/applications/${applicationId}`);
      },
    }),
  );
  const update = useMutation(trpc.application.update.mutationOptions({ onSuccess: (_ok, input) => done(`Application ${input.name ?? ''} saved`) }));
  const mutation = application ? update : create;
  const err = (path: string) => fieldError(mutation.error, path);
  const nameError = err('name') ?? (mutation.error?.data?.code === 'CONFLICT' && / named /.test(mutation.error.message) ? mutation.error.message : undefined);
  const fieldsWithErrors = ['name', 'description', 'gitUrl', 'gitBranch', 'bootScript', 'gitSshKey'];
  const otherError = mutation.error && !fieldsWithErrors.some((f) => err(f)) && !nameError ? errorMessage(mutation.error) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = (v: string) => (v.trim() === '' ? null : v.trim());
    if (application) {
      update.mutate({
        applicationId: application.id,
        name: form.name.trim(),
        description: text(form.description),
        gitUrl: text(form.gitUrl),
        gitBranch: text(form.gitBranch),
        bootScript: text(form.bootScript),
        gitSshKey: keyAction === 'keep' ? undefined : keyAction === 'remove' || form.gitSshKey.trim() === '' ? null : form.gitSshKey,
      });
    } else {
      create.mutate({
        projectId,
        name: form.name.trim(),
        description: text(form.description) ?? undefined,
        gitUrl: text(form.gitUrl) ?? undefined,
        gitBranch: text(form.gitBranch) ?? undefined,
        bootScript: text(form.bootScript) ?? undefined,
        gitSshKey: form.gitSshKey.trim() === '' ? undefined : form.gitSshKey,
      });
    }
  }

  const askKey = !application?.gitSshKeySet || keyAction === 'replace';
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          mutation.reset();
          setForm(initial);
        }
        onOpenChange(next);
      }}
    >
      <DialogContent
        className="max-w-xl"
        title={application ? `Edit ${application.name}` : 'Add application'}
        description={application ? undefined : 'An application groups the model services of one model server, at each level from development to production.'}
      >
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FieldInput
            id="app-name"
            label="Name"
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
            placeholder="iris"
            hint="Lowercase letters, digits and '-', at most 40: it becomes part of Kubernetes names and hosts."
            error={nameError}
            autoFocus={!application}
          />
          <Field label="Description" htmlFor="app-description" hint="Optional." error={err('description')}>
            <Textarea id="app-description" rows={2} value={form.description} onChange={(e) => set({ description: e.target.value })} />
          </Field>
          <FieldInput
            id="app-git-url"
            label="Git URL"
            value={form.gitUrl}
            onChange={(e) => set({ gitUrl: e.target.value })}
            placeholder="git@github.com:team/iris-server.git"
            hint="Optional: the model server's repository, for runtimes that clone it at boot."
            error={err('gitUrl')}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <FieldInput id="app-git-branch" label="Branch" value={form.gitBranch} onChange={(e) => set({ gitBranch: e.target.value })} placeholder="master" error={err('gitBranch')} />
            <FieldInput id="app-boot-script" label="Boot script" value={form.bootScript} onChange={(e) => set({ bootScript: e.target.value })} placeholder="start.sh" error={err('bootScript')} />
          </div>
          {application?.gitSshKeySet ? <SecretChoice id="app-key-action" value={keyAction} onChange={setKeyAction} what="SSH key" /> : null}
          {askKey ? (
            <Field
              label="Git SSH private key"
              htmlFor="app-ssh-key"
              hint="Optional, for a private repository. Stored encrypted and mounted in the pods at /root/.ssh; never shown again."
              error={err('gitSshKey')}
              errorId="app-ssh-key-error"
            >
              <Textarea
                id="app-ssh-key"
                rows={4}
                spellCheck={false}
                className="font-mono text-xs"
                placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
                value={form.gitSshKey}
                onChange={(e) => set({ gitSshKey: e.target.value })}
                aria-invalid={err('gitSshKey') ? true : undefined}
                aria-describedby={err('gitSshKey') ? 'app-ssh-key-error' : undefined}
              />
            </Field>
          ) : null}
          <FormDialogFooter error={otherError} submitLabel={application ? 'Save changes' : 'Create application'} pending={mutation.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Dialog, DialogContent, FormDialogFooter } from '../ui/dialog.tsx';
import { Input, Textarea } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

export function NewProjectDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: ({ projectId }, input) => {
        toast.success(`Project ${input.name} created`);
        onOpenChange(false);
        setName('');
        setDescription('');
        router.push(`/projects/${projectId}/applications`);
        router.refresh();
      },
    }),
  );
  // Name problems (format, taken) belong under the field; anything else is shown above the buttons.
  const nameError = fieldError(create.error, 'name') ?? (create.error?.data?.code === 'CONFLICT' ? create.error.message : undefined);
  const otherError = create.error && !nameError ? errorMessage(create.error) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: name.trim(), description: description.trim() || undefined });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) create.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent title="New project" description="A project holds a team's clusters, applications and model services, with its own members and API tokens.">
        <form onSubmit={submit} className="space-y-4" noValidate>
          <Field
            label="Name"
            htmlFor="project-name"
            hint="Lowercase letters, digits and '-'; it becomes part of Kubernetes names."
            error={nameError}
            errorId="project-name-error"
          >
            <Input
              id="project-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="recommendations"
              autoComplete="off"
              autoFocus
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'project-name-error' : undefined}
            />
          </Field>
          <Field label="Description" htmlFor="project-description" hint="Optional.">
            <Textarea id="project-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
          </Field>
          <FormDialogFooter error={otherError} submitLabel="Create project" pending={create.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

'use client';

import { useMutation } from '@tanstack/react-query';
import { Pencil, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { ApplicationDialog } from './application-dialog.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

/** Edit and delete on an application's page, for editors and admins. */
export function ApplicationActions({ projectId, application }: { projectId: number; application: RouterOutputs['application']['get'] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.application.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Application ${application.name} deleted`);
        router.push(`/projects/${projectId}/applications`);
        router.refresh();
      },
    }),
  );
  return (
    <>
      <Button variant="secondary" onClick={() => setEditing(true)}>
        <Pencil className="h-4 w-4" aria-hidden />
        Edit
      </Button>
      {/* Remounted when the application changes, so the form opens with what was saved. */}
      <ApplicationDialog key={application.updatedAt} projectId={projectId} application={application} open={editing} onOpenChange={setEditing} />
      <Button
        variant="danger-ghost"
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
      >
        <Trash2 className="h-4 w-4" aria-hidden />
        Delete
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete application ${application.name}?`}
        confirmLabel="Delete application"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ applicationId: application.id })}
      >
        <span className="block">Its settings and the history of its deleted services go with it; the audit log keeps the record.</span>
        {remove.error ? (
          <span className="mt-3 block rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700" role="alert">
            {errorMessage(remove.error)}
          </span>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

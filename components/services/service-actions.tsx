'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Pencil, RotateCw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { RollbackButton } from '../rollouts/rollback-button.tsx';
import { RestartDialog } from './restart-dialog.tsx';
import { ServiceDialog, type ClusterChoice } from './service-dialog.tsx';
import { useRereadServices } from './use-live-services.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

// A list entry: the service page's fuller `service.get` result fits it too.
type Service = RouterOutputs['service']['list'][number];

/** Edit configuration, memo restart and delete, on the application page's cards and the service page. */
/** `rollback`: a Roll back button (to the revision before), where the history is not on the page. */
export function ServiceActions({ service, clusters, size = 'sm', rollback = false }: { service: Service; clusters: ClusterChoice[]; size?: 'sm' | 'md'; rollback?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reread = useRereadServices();
  const [editing, setEditing] = useState(false);
  const [restarting, setRestarting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation(
    trpc.service.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Deleting ${service.displayName}: its objects are being removed`);
        setDeleting(false);
        reread();
        router.refresh();
      },
    }),
  );
  const gone = service.status === 'deleting' || service.status === 'deleted';
  return (
    <>
      <Button variant="secondary" size={size} onClick={() => setEditing(true)} disabled={gone} aria-label={`Edit ${service.displayName}`}>
        <Pencil className="h-4 w-4" aria-hidden />
        Edit
      </Button>
      <Button variant="secondary" size={size} onClick={() => setRestarting(true)} disabled={gone} aria-label={`Restart ${service.displayName}`}>
        <RotateCw className="h-4 w-4" aria-hidden />
        Restart
      </Button>
      {rollback ? <RollbackButton serviceId={service.id} serviceName={service.displayName} disabled={gone} /> : null}
      {/* On a card (small buttons) Delete is an icon, so the row fits beside the link to the service page. */}
      <Button
        variant="danger-ghost"
        size={size === 'sm' ? 'icon' : size}
        disabled={gone}
        aria-label={`Delete ${service.displayName}`}
        title="Delete"
        onClick={() => {
          remove.reset();
          setDeleting(true);
        }}
      >
        <Trash2 className="h-4 w-4" aria-hidden />
        {size === 'sm' ? null : 'Delete'}
      </Button>
      {/* Keyed by the spec, so the form opens with what the service has now. */}
      <ServiceDialog key={JSON.stringify(service.spec)} applicationId={service.applicationId} clusters={clusters} service={service} open={editing} onOpenChange={setEditing} />
      <RestartDialog service={service} open={restarting} onOpenChange={setRestarting} />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${service.displayName}?`}
        confirmLabel="Delete service"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ serviceId: service.id })}
      >
        <span className="block">
          Its Deployment, Service, Ingress and autoscaler are removed from {service.clusterName ?? 'the cluster'} (namespace {service.namespace}). Its rollout history and
          audit entries stay.
        </span>
        {remove.error ? (
          <span className="mt-3 block rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700" role="alert">
            {errorMessage(remove.error)}
          </span>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

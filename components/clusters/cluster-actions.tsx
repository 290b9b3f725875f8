'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Pencil, RefreshCw, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** Check now (editors and admins), edit and delete (admins) on a cluster's page. */
export function ClusterActions({
  projectId,
  cluster,
  canCheck,
  canManage,
}: {
  projectId: number;
  cluster: { id: number; name: string; serviceCount: number };
  canCheck: boolean;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const check = useMutation(
    trpc.cluster.check.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.cluster.get.queryKey({ clusterId: cluster.id }) });
        if (result.health === 'healthy') toast.success(`${cluster.name} is healthy (Kubernetes ${result.kubernetesVersion ?? 'unknown'})`);
        else toast.error(`${cluster.name} is ${result.health}: ${result.lastError ?? ''}`);
        router.refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(
    trpc.cluster.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Cluster ${cluster.name} removed`);
        router.push(`/projects/${projectId}/clusters`);
        router.refresh();
      },
    }),
  );
  return (
    <>
      {canCheck ? (
        <Button variant="secondary" loading={check.isPending} onClick={() => check.mutate({ clusterId: cluster.id })}>
          {check.isPending ? null : <RefreshCw className="h-4 w-4" aria-hidden />}
          Check now
        </Button>
      ) : null}
      {canManage ? (
        <>
          <Button variant="secondary" asChild>
            <Link href={`/projects/${projectId}/clusters/${cluster.id}/edit`}>
              <Pencil className="h-4 w-4" aria-hidden />
              Edit
            </Link>
          </Button>
          <Button variant="danger-ghost" onClick={() => {
              remove.reset();
              setConfirming(true);
            }}>
            <Trash2 className="h-4 w-4" aria-hidden />
            Delete
          </Button>
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            title={`Delete cluster ${cluster.name}?`}
            confirmLabel="Delete cluster"
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ clusterId: cluster.id })}
          >
            <span className="block">Drucker forgets this cluster and its kubeconfig. Nothing running in the cluster is touched.</span>
            {remove.error ? (
              <span className="mt-3 block rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700" role="alert">
                {errorMessage(remove.error)}
              </span>
            ) : cluster.serviceCount > 0 ? (
              <span className="mt-3 block text-amber-700">It still runs {cluster.serviceCount === 1 ? 'a service' : `${cluster.serviceCount} services`}; delete those first.</span>
            ) : null}
          </ConfirmDialog>
        </>
      ) : null}
    </>
  );
}

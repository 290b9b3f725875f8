'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '../../lib/trpc.ts';

// A rollout's progress can change several times a second; one refetch per burst is enough.
const COALESCE_MS = 300;

/**
 * Keeps an application's (or one service's) queries fresh: each change notice from the server
 * (`service.changes`, server-sent events) re-reads services and rollouts. The notices carry ids
 * only, so the page always shows what the database holds; after a reconnect it re-reads at once,
 * since notices may have been missed meanwhile. Pod logs are read from the cluster, so they are
 * left to their own refresh button.
 */
export function useLiveServices(applicationId: number, serviceId?: number): void {
  const trpc = useTRPC();
  const reread = useRereadServices();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reread();
    }, COALESCE_MS);
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useSubscription(
    trpc.service.changes.subscriptionOptions(serviceId === undefined ? { applicationId } : { applicationId, serviceId }, {
      onStarted: refresh,
      onData: refresh,
    }),
  );
}

/**
 * Re-reads services and rollouts now. Mutations call it on success: the worker announces a rollout
 * when it starts it, but one queued behind another (or cancelled) is only seen by reading again.
 */
export function useRereadServices(): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    for (const filter of [trpc.service.list.pathFilter(), trpc.service.get.pathFilter(), trpc.rollout.list.pathFilter(), trpc.rollout.get.pathFilter()]) {
      void queryClient.invalidateQueries(filter);
    }
  };
}

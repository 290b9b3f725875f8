'use client';

import { useQuery } from '@tanstack/react-query';
import { RefreshCw, ScrollText } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { Select } from '../ui/select.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

/**
 * The last lines of a pod's log, read from the cluster when asked (never on every live change: each
 * read is a call to the Kubernetes API).
 */
export function PodLogs({ serviceId }: { serviceId: number }) {
  const trpc = useTRPC();
  const [wanted, setWanted] = useState(false);
  const [pod, setPod] = useState('');
  const logs = useQuery({
    ...trpc.service.logs.queryOptions(pod === '' ? { serviceId, tailLines: 100 } : { serviceId, pod, tailLines: 100 }),
    enabled: wanted,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
  return (
    <Card>
      <CardHeader
        title="Pod log"
        description="The last 100 lines, read from the cluster."
        actions={
          wanted ? (
            <>
              {logs.data && logs.data.pods.length > 0 ? (
                <Select
                  aria-label="Pod"
                  className="w-72"
                  value={pod}
                  onChange={setPod}
                  allLabel="Newest pod"
                  options={logs.data.pods.map((p) => ({ value: p.name, label: p.name, description: p.phase }))}
                />
              ) : null}
              <Button variant="secondary" size="sm" loading={logs.isFetching} onClick={() => void logs.refetch()}>
                <RefreshCw className="h-4 w-4" aria-hidden />
                Refresh
              </Button>
            </>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => setWanted(true)}>
              <ScrollText className="h-4 w-4" aria-hidden />
              Show log
            </Button>
          )
        }
      />
      {wanted ? (
        <div className="px-5 py-4">
          {logs.error ? (
            <p role="alert" className="text-sm text-red-600">
              {errorMessage(logs.error)}
            </p>
          ) : logs.data ? (
            logs.data.pod === null ? (
              <p className="text-sm text-slate-500">The service has no pods right now.</p>
            ) : (
              <>
                <p className="mb-2 text-xs text-slate-500">
                  Pod <code>{logs.data.pod}</code>
                </p>
                <pre aria-label="Log lines" className="max-h-80 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
                  {logs.data.text || '(empty log)'}
                </pre>
              </>
            )
          ) : (
            <p className="text-sm text-slate-500">Reading…</p>
          )}
        </div>
      ) : null}
    </Card>
  );
}

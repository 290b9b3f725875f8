'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ChevronLeft, ChevronRight, ChevronsLeft, ScrollText, SearchX } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { Table, TBody, TH, THead, TR } from '../ui/table.tsx';
import { AuditFilters, noFilters, type AuditFilterValues } from './audit-filters.tsx';
import { AuditRow } from './audit-row.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

const PAGE_SIZE = 50;

/**
 * datetime-local values are local wall-clock minutes; the API takes ISO-8601 with an offset. "To"
 * means the end of that minute, so an event at 10:05:30 is inside "to 10:05".
 */
const toIso = (local: string, endOfMinute = false) => {
  const date = local ? new Date(local) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return new Date(date.getTime() + (endOfMinute ? 59_999 : 0)).toISOString();
};

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function AuditLog({
  projectId,
  initialPage,
  initialActions,
}: {
  projectId: number;
  initialPage: RouterOutputs['audit']['list'];
  initialActions: string[];
}) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilterValues>(noFilters);
  const applied = useDebounced(filters, 300);
  // Keyset paging: the cursors of the pages walked so far (the first page has none). They belong
  // to one set of filters; changing a filter starts again from the newest event.
  const filterKey = JSON.stringify(applied);
  const [paging, setPaging] = useState<{ key: string; cursors: (number | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = paging.key === filterKey ? paging.cursors : [undefined];
  const setCursors = (next: (current: (number | undefined)[]) => (number | undefined)[]) => setPaging({ key: filterKey, cursors: next(cursors) });
  const cursor = cursors.at(-1);
  const filtered = Object.values(applied).some(Boolean);

  const input = {
    projectId,
    actor: applied.actor.trim() || undefined,
    action: applied.action || undefined,
    target: applied.target.trim() || undefined,
    from: toIso(applied.from),
    to: toIso(applied.to, true),
    cursor,
    limit: PAGE_SIZE,
  };
  const list = useQuery({
    ...trpc.audit.list.queryOptions(input),
    initialData: !filtered && cursor === undefined ? initialPage : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const actions = useQuery({ ...trpc.audit.actions.queryOptions({ projectId }), initialData: initialActions, refetchInterval: 30_000 });

  const events = list.data?.events ?? [];
  const page = cursors.length;

  return (
    <Card>
      <AuditFilters values={filters} onChange={setFilters} actions={actions.data} />
      {list.error ? (
        <div role="alert" className="border-b border-red-100 bg-red-50 px-5 py-3 text-sm text-red-700">
          Could not load audit events: {errorMessage(list.error)}
        </div>
      ) : null}
      {events.length === 0 ? (
        list.isPending ? (
          <div className="flex justify-center py-12">
            <Spinner label="Loading audit events" />
          </div>
        ) : filtered ? (
          <EmptyState
            icon={SearchX}
            title="No events match these filters"
            action={
              <Button variant="secondary" onClick={() => setFilters(noFilters)}>
                Clear filters
              </Button>
            }
          >
            Widen the time range or clear a filter.
          </EmptyState>
        ) : (
          <EmptyState icon={ScrollText} title="No audit events yet">
            Every change in this project — members, API tokens, and later clusters, deployments and rollbacks — is recorded
            here with who made it, when, and what it changed.
          </EmptyState>
        )
      ) : (
        <Table aria-label="Audit events">
          <THead>
            <TR>
              <TH>Time</TH>
              <TH>Actor</TH>
              <TH>Action</TH>
              <TH>Target</TH>
              <TH>Summary</TH>
              <TH>
                <span className="sr-only">Details</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {events.map((event) => (
              <AuditRow key={event.id} event={event} />
            ))}
          </TBody>
        </Table>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
        <div className="flex items-center gap-2">
          {page === 1 ? (
            <>
              <span className="relative flex h-2 w-2" aria-hidden>
                <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60" />
                <span className="relative inline-flex h-2 w-2 rounded-full bg-emerald-500" />
              </span>
              Live · refreshes every 10 s
            </>
          ) : (
            <>Page {page} · older events</>
          )}
          {list.isFetching ? <Spinner className="h-3.5 w-3.5 text-slate-400" /> : null}
        </div>
        <div className="flex items-center gap-2">
          <Button variant="secondary" size="sm" disabled={page === 1} onClick={() => setCursors(() => [undefined])}>
            <ChevronsLeft className="h-4 w-4" aria-hidden />
            Newest
          </Button>
          <Button variant="secondary" size="sm" disabled={page === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            <ChevronLeft className="h-4 w-4" aria-hidden />
            Newer
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!list.data?.nextCursor || list.isPlaceholderData}
            onClick={() => {
              const next = list.data?.nextCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            Older
            <ChevronRight className="h-4 w-4" aria-hidden />
          </Button>
        </div>
      </div>
    </Card>
  );
}

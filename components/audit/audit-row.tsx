'use client';

import { Bot, ChevronRight, Clock, KeyRound, User } from 'lucide-react';
import { Fragment, useState } from 'react';
import { Button } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { TD, TR } from '../ui/table.tsx';
import { ActionBadge } from './action-badge.tsx';
import { cn } from '../../lib/cn.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type AuditEvent = RouterOutputs['audit']['list']['events'][number];

const actorIcons = { user: User, token: KeyRound, scheduler: Clock } as const;

function ActorCell({ type, label }: { type: string; label: string }) {
  const Icon = type in actorIcons ? actorIcons[type as keyof typeof actorIcons] : Bot;
  return (
    <span className="inline-flex max-w-44 items-center gap-1.5" title={`${type}: ${label}`}>
      <Icon className="h-3.5 w-3.5 shrink-0 text-slate-400" aria-label={type} />
      <span className="truncate">{label}</span>
    </span>
  );
}

function Json({ title, value }: { title: string; value: Record<string, unknown> | null }) {
  return (
    <div className="min-w-0">
      <div className="mb-1 text-xs font-medium text-slate-500">{title}</div>
      {value ? (
        <pre className="overflow-x-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs leading-relaxed text-slate-700">
          {JSON.stringify(value, null, 2)}
        </pre>
      ) : (
        <div className="rounded-md border border-dashed border-slate-200 p-3 text-xs text-slate-400">nothing recorded</div>
      )}
    </div>
  );
}

export function AuditRow({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-event-${event.id}`;
  return (
    <Fragment>
      <TR className={cn('hover:bg-slate-50/70', open && 'bg-slate-50/70')}>
        <TD className="whitespace-nowrap text-slate-500">
          <RelativeTime iso={event.createdAt} />
        </TD>
        <TD>
          <ActorCell type={event.actorType} label={event.actorLabel} />
        </TD>
        <TD>
          <ActionBadge action={event.action} />
        </TD>
        <TD>
          <span className="block max-w-40 truncate" title={`${event.targetType} ${event.targetLabel ?? event.targetId ?? ''}`}>
            <span className="text-slate-400">{event.targetType} </span>
            {event.targetLabel ?? event.targetId ?? '—'}
          </span>
        </TD>
        <TD className="min-w-56 text-slate-600 [overflow-wrap:anywhere]">{event.summary}</TD>
        <TD className="w-10 pl-0 text-right">
          <Button
            variant="ghost"
            size="icon"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={open ? `Hide details of ${event.action}` : `Show details of ${event.action}`}
            onClick={() => setOpen((v) => !v)}
          >
            <ChevronRight className={cn('h-4 w-4 transition-transform', open && 'rotate-90')} aria-hidden />
          </Button>
        </TD>
      </TR>
      {open ? (
        <tr id={detailsId} className="bg-slate-50/70">
          <td colSpan={6} className="px-5 pt-1 pb-4">
            <div className="grid gap-3 md:grid-cols-2">
              <Json title="Before" value={event.before} />
              <Json title="After" value={event.after} />
            </div>
            <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-500">
              <div>
                <dt className="inline">Event </dt>
                <dd className="inline font-mono">#{event.id}</dd>
              </div>
              <div>
                <dt className="inline">Time </dt>
                <dd className="inline font-mono">{event.createdAt}</dd>
              </div>
              {event.requestId ? (
                <div>
                  <dt className="inline">Request </dt>
                  <dd className="inline font-mono">{event.requestId}</dd>
                </div>
              ) : null}
            </dl>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

import { AlertTriangle } from 'lucide-react';
import { Badge } from '../ui/badge.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { ProgressBar } from './progress-bar.tsx';
import { formatDuration, kindLabels, RolloutStatusBadge, type Rollout } from './status-badge.tsx';

type Detail = NonNullable<Rollout['progressDetail']>;

// Waiting reasons of a pod that is merely starting; any other reason (ImagePullBackOff,
// CrashLoopBackOff, ErrImagePull, OOMKilled…) is trouble and shows red.
const starting = new Set(['ContainerCreating', 'PodInitializing']);
const trouble = (reason: string | undefined) => reason !== undefined && !starting.has(reason);

function Pods({ pods }: { pods: Detail['pods'] }) {
  if (pods.length === 0) return <p className="text-sm text-slate-400">No pods yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Pods">
      {pods.map((pod) => (
        <li key={pod.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <code className="min-w-0 truncate text-xs text-slate-700">{pod.name}</code>
          <Badge tone={pod.ready ? 'green' : trouble(pod.reason) ? 'red' : 'blue'}>{pod.ready ? 'Ready' : pod.phase}</Badge>
          {pod.restarts > 0 ? <span className="text-xs text-amber-700">{pod.restarts} restarts</span> : null}
          {pod.reason ? (
            <span className={trouble(pod.reason) ? 'w-full text-xs text-red-700' : 'w-full text-xs text-slate-500'}>
              {pod.reason}
              {pod.message ? `: ${pod.message}` : ''}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

// Enough to see what is happening now; the rest folds away.
const SHOWN_EVENTS = 6;

function EventList({ events, label }: { events: Detail['events']; label?: string }) {
  return (
    <ul className="space-y-1 text-xs" aria-label={label}>
      {events.map((e, i) => (
        <li key={i} className="flex gap-2">
          <span className={e.type === 'Warning' ? 'shrink-0 font-medium text-amber-700' : 'shrink-0 text-slate-500'}>{e.reason}</span>
          <span className="min-w-0 [overflow-wrap:anywhere] text-slate-700">
            {e.message}
            {e.count > 1 ? <span className="text-slate-400"> ×{e.count}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Events({ events }: { events: Detail['events'] }) {
  if (events.length === 0) return null;
  // Newest first, warnings before the rest of the same moment.
  const sorted = [...events].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || Number(b.type === 'Warning') - Number(a.type === 'Warning'));
  const rest = sorted.slice(SHOWN_EVENTS);
  return (
    <div>
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Recent events</h3>
      <EventList events={sorted.slice(0, SHOWN_EVENTS)} label="Recent events" />
      {rest.length > 0 ? (
        <details className="mt-1.5">
          <summary className="cursor-pointer text-xs font-medium text-brand-700">{rest.length} earlier</summary>
          <div className="mt-1">
            <EventList events={rest} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

/**
 * The current (or last) rollout as the worker's watch sees it: replica bars, the pods with their own
 * reasons (ImagePullBackOff: example/iris:bad-pull-1), recent events. Updated live by the page.
 */
export function LiveProgress({ rollout }: { rollout: Rollout | null }) {
  if (!rollout) return null;
  const active = rollout.status === 'queued' || rollout.status === 'running';
  const detail = rollout.progressDetail;
  const failed = rollout.status === 'failed';
  const tone = failed ? 'red' : rollout.status === 'succeeded' ? 'green' : 'blue';
  return (
    <Card aria-label="Rollout progress" role="region">
      <CardHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {active ? 'Rolling out' : 'Last rollout'}: {kindLabels[rollout.kind]}, revision {rollout.revision}
            <RolloutStatusBadge status={rollout.status} />
          </span>
        }
        description={
          <>
            by {rollout.actor.label}, <RelativeTime key={rollout.id} iso={rollout.createdAt} />
            {rollout.durationMs !== null ? ` · ${active ? 'running for' : 'took'} ${formatDuration(rollout.durationMs)}` : ''}
            {rollout.reason ? ` · “${rollout.reason}”` : ''}
          </>
        }
      />
      <div className="space-y-4 px-5 py-4">
        {failed && rollout.error ? (
          <p className="flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="status">
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            {rollout.error}
          </p>
        ) : null}
        {rollout.status === 'queued' ? <p className="text-sm text-slate-500">Queued: a worker picks it up after the service&apos;s earlier rollouts.</p> : null}
        {detail ? (
          <>
            <div className="grid gap-4 sm:grid-cols-3">
              <ProgressBar label="Updated" value={detail.updated} max={detail.desired} tone={rollout.status === 'succeeded' ? 'green' : 'blue'} />
              <ProgressBar label="Ready" value={detail.ready} max={detail.desired} tone={tone} />
              <ProgressBar label="Available" value={detail.available} max={detail.desired} tone={tone} />
            </div>
            {detail.message && detail.message !== rollout.error ? <p className="text-sm text-slate-600">{detail.message}</p> : null}
            <Pods pods={detail.pods} />
            <Events events={detail.events} />
          </>
        ) : rollout.status === 'running' ? (
          <p className="text-sm text-slate-500">Applying the manifests…</p>
        ) : null}
      </div>
    </Card>
  );
}

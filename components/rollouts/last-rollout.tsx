import { RelativeTime } from '../ui/relative-time.tsx';
import { ProgressBar } from './progress-bar.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { formatDuration, kindLabels, RolloutStatusBadge } from './status-badge.tsx';

/** A service list's summary (counts, no pods or events); a full rollout fits it too. */
type Rollout = NonNullable<RouterOutputs['service']['list'][number]['lastRollout']>;

/**
 * The newest rollout in one block: what, who, when, how it ended; a progress bar while it runs.
 * RelativeTime reads the clock when it mounts, so it is keyed by rollout: a newer one gets a fresh clock.
 */
export function LastRollout({ rollout }: { rollout: Rollout | null }) {
  if (!rollout) return <p className="text-xs text-slate-400">No rollouts yet.</p>;
  const active = rollout.status === 'queued' || rollout.status === 'running';
  const detail = rollout.progressDetail;
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        <span className="font-medium text-slate-800">
          {kindLabels[rollout.kind]} · rev {rollout.revision}
        </span>
        <RolloutStatusBadge status={rollout.status} />
        <span>
          by {rollout.actor.label}, <RelativeTime key={rollout.id} iso={rollout.createdAt} />
        </span>
        {!active && rollout.durationMs !== null ? <span className="text-slate-400">in {formatDuration(rollout.durationMs)}</span> : null}
      </div>
      {active ? (
        detail ? (
          <ProgressBar compact label="Ready" value={detail.available} max={detail.desired} />
        ) : (
          <p className="text-xs text-slate-500">{rollout.status === 'queued' ? 'Waiting for a worker…' : 'Applying…'}</p>
        )
      ) : null}
      {rollout.status === 'failed' && rollout.error ? (
        <p className="line-clamp-2 text-xs text-red-700" title={rollout.error}>
          {rollout.error}
        </p>
      ) : null}
    </div>
  );
}

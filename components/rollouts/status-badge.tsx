import { Badge, type BadgeTone } from '../ui/badge.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type Rollout = RouterOutputs['rollout']['list'][number];

const tones: Record<Rollout['status'], BadgeTone> = {
  queued: 'neutral',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'neutral',
  superseded: 'violet',
};

export const kindLabels: Record<Rollout['kind'], string> = {
  create: 'Create',
  update: 'Update',
  model_switch: 'Model switch',
  restart: 'Restart',
  rollback: 'Rollback',
  routing: 'Routing',
  promotion: 'Promotion',
  delete: 'Delete',
  import: 'Import',
};

export function RolloutStatusBadge({ status }: { status: Rollout['status'] }) {
  return (
    <Badge tone={tones[status]} dot>
      {status}
    </Badge>
  );
}

/** "1.2 s", "3 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s} s`;
  const whole = Math.round(ms / 1000);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

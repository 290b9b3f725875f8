import { Badge, type BadgeTone } from '../ui/badge.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Status = RouterOutputs['service']['get']['status'];

// Colours a person reads at a glance: green serves, blue is moving, amber needs a look, red is broken.
const tones: Record<Status, BadgeTone> = {
  pending: 'neutral',
  deploying: 'blue',
  running: 'green',
  degraded: 'amber',
  failed: 'red',
  deleting: 'amber',
  deleted: 'neutral',
};

const labels: Record<Status, string> = {
  pending: 'Pending',
  deploying: 'Deploying',
  running: 'Running',
  degraded: 'Degraded',
  failed: 'Failed',
  deleting: 'Deleting',
  deleted: 'Deleted',
};

/** The colour bar on a service card's left edge, in the badge's tone. */
export const statusStripe: Record<Status, string> = {
  pending: 'bg-slate-300',
  deploying: 'bg-blue-500',
  running: 'bg-emerald-500',
  degraded: 'bg-amber-500',
  failed: 'bg-red-500',
  deleting: 'bg-amber-400',
  deleted: 'bg-slate-200',
};

export function ServiceStatusBadge({ status }: { status: Status }) {
  return (
    <Badge tone={tones[status]} dot>
      {labels[status]}
    </Badge>
  );
}

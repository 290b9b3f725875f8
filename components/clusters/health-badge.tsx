import { Badge, type BadgeTone } from '../ui/badge.tsx';

type Health = 'unknown' | 'healthy' | 'unreachable' | 'forbidden';

const tones: Record<Health, BadgeTone> = { healthy: 'green', unreachable: 'red', forbidden: 'amber', unknown: 'neutral' };
const labels: Record<Health, string> = { healthy: 'Healthy', unreachable: 'Unreachable', forbidden: 'Forbidden', unknown: 'Not checked' };

export function HealthBadge({ health }: { health: Health }) {
  return (
    <Badge tone={tones[health]} dot>
      {labels[health]}
    </Badge>
  );
}

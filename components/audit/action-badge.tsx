import { Badge, type BadgeTone } from '../ui/badge.tsx';

// The verb after the dot says what kind of change it was; colour by that, not by the object.
const toneByVerb: Record<string, BadgeTone> = {
  create: 'green',
  add: 'green',
  import: 'green',
  update: 'blue',
  switch: 'blue',
  rollback: 'amber',
  restart: 'amber',
  revoke: 'red',
  remove: 'red',
  delete: 'red',
};

export function ActionBadge({ action }: { action: string }) {
  const verb = action.split('.').at(-1) ?? action;
  const tone = toneByVerb[verb] ?? Object.entries(toneByVerb).find(([v]) => verb.startsWith(v))?.[1] ?? 'neutral';
  return (
    <Badge tone={tone} className="font-mono text-[11px]">
      {action}
    </Badge>
  );
}

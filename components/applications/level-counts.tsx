import { Badge, type BadgeTone } from '../ui/badge.tsx';

const levels = [
  { key: 'development', label: 'dev', tone: 'neutral' },
  { key: 'beta', label: 'beta', tone: 'violet' },
  { key: 'staging', label: 'staging', tone: 'amber' },
  { key: 'production', label: 'prod', tone: 'green' },
] as const satisfies readonly { key: string; label: string; tone: BadgeTone }[];

/** Services per level, one badge per level that has any. */
export function LevelCounts({ counts }: { counts: Record<(typeof levels)[number]['key'], number> }) {
  const present = levels.filter((l) => counts[l.key] > 0);
  if (present.length === 0) return <span className="text-sm text-slate-400">no services</span>;
  return (
    <div className="flex flex-wrap gap-1.5">
      {present.map((l) => (
        <Badge key={l.key} tone={l.tone}>
          <span title={l.key}>
            {l.label} · {counts[l.key]}
          </span>
        </Badge>
      ))}
    </div>
  );
}

import { cn } from '../../lib/cn.ts';

/** A labelled bar: `value` of `max` (replicas), as a progressbar for assistive tech and tests. */
export function ProgressBar({ label, value, max, tone = 'blue', compact = false }: { label: string; value: number; max: number; tone?: 'blue' | 'green' | 'red'; compact?: boolean }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : value > 0 ? 100 : 0;
  const fill = { blue: 'bg-blue-500', green: 'bg-emerald-500', red: 'bg-red-500' }[tone];
  return (
    <div className={cn('min-w-0', compact ? 'space-y-0.5' : 'space-y-1')}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-slate-600">{label}</span>
        <span className="text-slate-500 tabular-nums">
          {value}/{max}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        className={cn('overflow-hidden rounded-full bg-slate-100', compact ? 'h-1.5' : 'h-2')}
      >
        <div className={cn('h-full rounded-full transition-[width] duration-500', fill)} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

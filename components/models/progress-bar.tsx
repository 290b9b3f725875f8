import { cn } from '../../lib/cn.ts';

/** A determinate progress bar with an accessible name and value. */
export function ProgressBar({ value, max, label, tone = 'brand', className }: { value: number; max: number; label: string; tone?: 'brand' | 'green' | 'red'; className?: string }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  const fill = { brand: 'bg-brand-600', green: 'bg-emerald-500', red: 'bg-red-500' }[tone];
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className={cn('h-2 w-full overflow-hidden rounded-full bg-slate-100', className)}>
      <div className={cn('h-full rounded-full transition-[width] duration-200', fill)} style={{ width: `${percent}%` }} />
    </div>
  );
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(ms: number): string {
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) {
    const h = Math.round(ms / HOUR);
    return `${h} ${h === 1 ? 'hour' : 'hours'}`;
  }
  const d = Math.round(ms / DAY);
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}

/** "just now", "3 min ago", "in 30 days"; older than a year falls back to the date. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const diff = now - new Date(iso).getTime();
  if (Number.isNaN(diff)) return iso;
  if (Math.abs(diff) < 45_000) return diff >= 0 ? 'just now' : 'in a moment';
  if (Math.abs(diff) > 365 * DAY) return new Date(iso).toLocaleDateString();
  return diff > 0 ? `${unit(diff)} ago` : `in ${unit(-diff)}`;
}

/** The full local date and time, for titles and tooltips. */
export function formatFull(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

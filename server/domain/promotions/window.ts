import type { PromotionWindow } from '../../../db/schema/promotions.ts';

// The allowed window: weekdays and hours, in the policy's time zone, outside which nothing is
// promoted (no production changes on a Friday night, say).

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The weekday (0 = Sunday) and hour (0–23) at `at` on the zone's wall clock. */
export function wallClock(at: Date, timeZone: string): { day: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? NaN);
  const day = WEEKDAYS.indexOf(weekday);
  if (day < 0 || Number.isNaN(hour)) throw new Error(`could not read the wall clock of ${timeZone}`);
  return { day, hour };
}

/**
 * Whether `at` is inside the window. From `startHour` up to (not including) `endHour` on each of
 * the days; an end at or before the start runs past midnight into the next day (22–6 is a night).
 */
export function inWindow(window: PromotionWindow | null, at: Date, timeZone: string): boolean {
  if (!window) return true;
  const { day, hour } = wallClock(at, timeZone);
  const days = new Set(window.days);
  if (window.startHour < window.endHour) return days.has(day) && hour >= window.startHour && hour < window.endHour;
  const yesterday = (day + 6) % 7;
  return (days.has(day) && hour >= window.startHour) || (days.has(yesterday) && hour < window.endHour);
}

const two = (n: number) => `${String(n).padStart(2, '0')}:00`;

/** "Monday to Friday, 09:00–17:00 Europe/Berlin" */
export function describeWindow(window: PromotionWindow, timeZone: string): string {
  const days = [...new Set(window.days)].sort((a, b) => a - b);
  const key = days.join(',');
  const dayText =
    key === '0,1,2,3,4,5,6'
      ? 'every day'
      : key === '1,2,3,4,5'
        ? 'Monday to Friday'
        : days.map((d) => DAY_NAMES[d]).join(', ');
  return `${dayText}, ${two(window.startHour)}–${two(window.endHour % 24)}${window.endHour <= window.startHour ? ' (next day)' : ''} ${timeZone}`;
}

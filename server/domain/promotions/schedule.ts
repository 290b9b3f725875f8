import { Cron } from 'croner';
import cronstrue from 'cronstrue';

// A policy's schedule: five-field cron read in an IANA time zone. Croner does the calendar work,
// daylight-saving changes included: a time that does not exist on the spring-forward day runs at
// the first minute after the gap, and a time that happens twice on the fall-back day runs once.

const MINUTE_MS = 60_000;

/** Whether the runtime knows the zone (Intl is the source of truth for zone names and rules). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

function cron(expression: string, timeZone: string): Cron {
  return new Cron(expression, { timezone: timeZone, paused: true, mode: '5-part' });
}

/** Why the schedule cannot be used, as a message for people, or null. */
export function scheduleProblem(expression: string, timeZone: string): string | null {
  if (!isTimeZone(timeZone)) return `"${timeZone}" is not a time zone; use an IANA name like Europe/Berlin or UTC`;
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return `a schedule has five fields (minute hour day-of-month month weekday), like "0 9 * * 1-5"; "${expression}" has ${parts.length}`;
  try {
    const next = cron(expression, timeZone).nextRun(new Date());
    if (!next) return `the schedule "${expression}" never runs`;
  } catch (error) {
    return `the schedule "${expression}" is not valid cron: ${error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error)}`;
  }
  return null;
}

/** The first scheduled time strictly after `after`, or null when there is none. */
export function nextRunAfter(expression: string, timeZone: string, after: Date): Date | null {
  return cron(expression, timeZone).nextRun(after);
}

/** The start of the minute `at` falls in: ticks are whole minutes. */
export function tickOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * Whether the policy has a scheduled time in the minute ending at `tick` (a whole minute): the
 * worker's crontab ticks every minute and asks this of each policy.
 */
export function isDue(expression: string, timeZone: string, tick: Date): boolean {
  const next = nextRunAfter(expression, timeZone, new Date(tick.getTime() - MINUTE_MS));
  return next !== null && next.getTime() <= tick.getTime();
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Weekday field → day numbers (0 = Sunday), for the plain forms people write; null for anything else. */
function weekdays(field: string): number[] | null {
  if (field === '*') return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const part of field.split(',')) {
    const range = /^([0-7])(?:-([0-7]))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) return null;
    for (let d = from; d <= to; d++) days.add(d % 7);
  }
  return [...days].sort((a, b) => a - b);
}

function dayPhrase(days: number[]): string {
  const key = days.join(',');
  if (key === '0,1,2,3,4,5,6') return 'every day';
  if (key === '1,2,3,4,5') return 'every weekday';
  if (key === '0,6') return 'every Saturday and Sunday';
  return `every ${list(days.map((d) => DAY_NAMES[d] ?? String(d)))}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The schedule in words, with its zone: "every weekday at 09:00 Europe/Berlin". The plain shapes
 * get Drucker's own phrasing; anything else is cronstrue's description.
 */
export function describeSchedule(expression: string, timeZone: string): string {
  const [minute, hour, dom, month, dow] = expression.trim().split(/\s+/);
  if (minute === undefined || hour === undefined || dom === undefined || month === undefined || dow === undefined) return expression;
  const number = (v: string, max: number) => (/^\d{1,2}$/.test(v) && Number(v) <= max ? Number(v) : null);
  const m = number(minute, 59);
  const h = number(hour, 23);
  const days = dom === '*' && month === '*' ? weekdays(dow) : null;
  if (m !== null && days) {
    const hours = hour.split(',').map((v) => number(v, 23));
    if (h !== null) return `${dayPhrase(days)} at ${two(h)}:${two(m)} ${timeZone}`;
    if (hours.every((v) => v !== null)) return `${dayPhrase(days)} at ${list(hours.map((v) => `${two(v ?? 0)}:${two(m)}`))} ${timeZone}`;
    if (hour === '*') return `${days.length === 7 ? 'every hour' : `every hour, ${dayPhrase(days)},`} at minute ${m} (${timeZone})`;
  }
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === '*' && dom === '*' && month === '*' && dow === '*') return `every ${step[1]} minutes`;
  if (minute === '*' && hour === '*' && dom === '*' && month === '*' && dow === '*') return 'every minute';
  try {
    const words = cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
    return `${words.charAt(0).toLowerCase()}${words.slice(1)} (${timeZone})`;
  } catch {
    return `${expression} (${timeZone})`;
  }
}

import { describe, expect, it } from 'vitest';
import { describeSchedule, isDue, nextRunAfter, scheduleProblem, tickOf } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('promotion schedules', () => {
  it('finds the next weekday 09:00 in Berlin across a weekend and both offsets', () => {
    // Friday afternoon in winter (UTC+1) → Monday 08:00 UTC.
    expect(nextRunAfter('0 9 * * 1-5', 'Europe/Berlin', at('2026-01-16T12:00:00Z'))?.toISOString()).toBe('2026-01-19T08:00:00.000Z');
    // Summer (UTC+2) → 07:00 UTC.
    expect(nextRunAfter('0 9 * * 1-5', 'Europe/Berlin', at('2026-07-01T08:00:00Z'))?.toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });

  it('keeps local time over the spring-forward change: the Monday after runs at 07:00 UTC', () => {
    // Clocks go forward on Sunday 29 March 2026 in Berlin.
    expect(nextRunAfter('0 9 * * 1-5', 'Europe/Berlin', at('2026-03-27T12:00:00Z'))?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('runs a time skipped by spring-forward at the first minute after the gap, once', () => {
    // 02:30 does not exist in Berlin on 29 March 2026; 03:00 CEST is 01:00 UTC.
    const next = nextRunAfter('30 2 * * *', 'Europe/Berlin', at('2026-03-28T12:00:00Z'));
    expect(next?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(nextRunAfter('30 2 * * *', 'Europe/Berlin', next!)?.toISOString()).toBe('2026-03-30T00:30:00.000Z');
  });

  it('runs a time repeated by fall-back once, at its first occurrence', () => {
    // 02:30 happens twice in Berlin on 25 October 2026: 00:30 UTC (CEST) and 01:30 UTC (CET).
    const first = nextRunAfter('30 2 * * *', 'Europe/Berlin', at('2026-10-24T12:00:00Z'));
    expect(first?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(isDue('30 2 * * *', 'Europe/Berlin', at('2026-10-25T00:30:00Z'))).toBe(true);
    expect(isDue('30 2 * * *', 'Europe/Berlin', at('2026-10-25T01:30:00Z'))).toBe(false);
  });

  it('is due exactly in the minute of a scheduled time, in the zone of the policy', () => {
    expect(isDue('0 9 * * 1-5', 'America/New_York', at('2026-01-19T14:00:00Z'))).toBe(true);
    expect(isDue('0 9 * * 1-5', 'America/New_York', at('2026-01-19T14:01:00Z'))).toBe(false);
    expect(isDue('0 9 * * 1-5', 'America/New_York', at('2026-01-19T09:00:00Z'))).toBe(false);
    expect(isDue('*/5 * * * *', 'UTC', at('2026-01-19T09:05:00Z'))).toBe(true);
    expect(tickOf(at('2026-01-19T09:05:42.123Z')).toISOString()).toBe('2026-01-19T09:05:00.000Z');
  });

  it('explains bad schedules and zones', () => {
    expect(scheduleProblem('0 9 * * 1-5', 'Europe/Berlin')).toBeNull();
    expect(scheduleProblem('0 9 * * 1-5', 'Mars/Olympus')).toMatch(/not a time zone/);
    expect(scheduleProblem('0 0 9 * * *', 'UTC')).toMatch(/five fields/);
    expect(scheduleProblem('61 9 * * *', 'UTC')).toMatch(/not valid cron: Invalid value for minute: 61/);
  });

  it('says the schedule in words with its zone', () => {
    expect(describeSchedule('0 9 * * 1-5', 'Europe/Berlin')).toBe('every weekday at 09:00 Europe/Berlin');
    expect(describeSchedule('30 6 * * *', 'UTC')).toBe('every day at 06:30 UTC');
    expect(describeSchedule('0 22 * * 1,3,5', 'Asia/Tokyo')).toBe('every Monday, Wednesday and Friday at 22:00 Asia/Tokyo');
    expect(describeSchedule('0 9,15 * * 1-5', 'UTC')).toBe('every weekday at 09:00 and 15:00 UTC');
    expect(describeSchedule('*/5 * * * *', 'UTC')).toBe('every 5 minutes');
    expect(describeSchedule('0 9 1 * *', 'UTC')).toBe('at 09:00, on day 1 of the month (UTC)');
  });
});

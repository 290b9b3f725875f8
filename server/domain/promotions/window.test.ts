import { describe, expect, it } from 'vitest';
import { describeWindow, inWindow, wallClock } from './window.ts';

const office = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };
const night = { days: [5], startHour: 22, endHour: 6 };

describe('allowed windows', () => {
  it('reads the wall clock of the zone', () => {
    expect(wallClock(new Date('2026-01-19T08:30:00Z'), 'Europe/Berlin')).toEqual({ day: 1, hour: 9 });
    expect(wallClock(new Date('2026-01-19T00:30:00Z'), 'America/Los_Angeles')).toEqual({ day: 0, hour: 16 });
  });

  it('lets office hours in and keeps evenings, weekends and the end hour out', () => {
    expect(inWindow(office, new Date('2026-01-19T08:00:00Z'), 'Europe/Berlin')).toBe(true); // Mon 09:00
    expect(inWindow(office, new Date('2026-01-19T07:59:00Z'), 'Europe/Berlin')).toBe(false); // Mon 08:59
    expect(inWindow(office, new Date('2026-01-19T16:00:00Z'), 'Europe/Berlin')).toBe(false); // Mon 17:00
    expect(inWindow(office, new Date('2026-01-17T10:00:00Z'), 'Europe/Berlin')).toBe(false); // Sat
  });

  it('follows the zone across daylight saving: 09:00 Berlin is 07:00 UTC in summer', () => {
    expect(inWindow(office, new Date('2026-07-06T07:00:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inWindow(office, new Date('2026-01-19T07:00:00Z'), 'Europe/Berlin')).toBe(false);
  });

  it('runs a window past midnight into the next day', () => {
    expect(inWindow(night, new Date('2026-01-16T23:00:00Z'), 'UTC')).toBe(true); // Fri 23:00
    expect(inWindow(night, new Date('2026-01-17T05:59:00Z'), 'UTC')).toBe(true); // Sat 05:59, Friday's night
    expect(inWindow(night, new Date('2026-01-17T06:00:00Z'), 'UTC')).toBe(false);
    expect(inWindow(night, new Date('2026-01-17T23:00:00Z'), 'UTC')).toBe(false); // Sat night is not allowed
  });

  it('has no window as always open, and says a window in words', () => {
    expect(inWindow(null, new Date(), 'UTC')).toBe(true);
    expect(describeWindow(office, 'Europe/Berlin')).toBe('Monday to Friday, 09:00–17:00 Europe/Berlin');
    expect(describeWindow(night, 'UTC')).toBe('Friday, 22:00–06:00 (next day) UTC');
  });
});

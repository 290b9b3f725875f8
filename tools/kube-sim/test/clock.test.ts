import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '../src/clock.ts';

const clocks: SimClock[] = [];
const make = (speed: number) => {
  const c = new SimClock({ speed });
  clocks.push(c);
  return c;
};
afterEach(() => clocks.splice(0).forEach((c) => c.stop()));

describe('SimClock', () => {
  it('runs speed times faster than real time', async () => {
    const clock = make(100);
    const start = clock.now();
    await new Promise((r) => setTimeout(r, 50));
    const elapsed = clock.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(4000);
    expect(elapsed).toBeLessThan(20_000);
  });

  it('fires timers after their simulated delay, in due order', async () => {
    const clock = make(10);
    const fired: string[] = [];
    clock.setTimer(2000, () => fired.push('b'));
    clock.setTimer(1000, () => fired.push('a'));
    clock.setTimer(2000, () => fired.push('c'));
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toEqual([]);
    await new Promise((r) => setTimeout(r, 270));
    expect(fired).toEqual(['a', 'b', 'c']);
  });

  it('advance() fires due timers at once, including ones they schedule', () => {
    const clock = make(1);
    const fired: number[] = [];
    clock.setTimer(60_000, () => {
      fired.push(1);
      clock.setTimer(1000, () => fired.push(2));
    });
    clock.setTimer(600_000, () => fired.push(3));
    clock.advance(61_500);
    expect(fired).toEqual([1, 2]);
    clock.advance(600_000);
    expect(fired).toEqual([1, 2, 3]);
  });

  it('cancels timers and re-arms on speed changes', async () => {
    const clock = make(1);
    let fired = 0;
    const cancel = clock.setTimer(100, () => fired++);
    cancel();
    clock.setTimer(5000, () => fired++);
    clock.setSpeed(1000);
    await new Promise((r) => setTimeout(r, 40));
    expect(fired).toBe(1);
  });

  it('formats now as RFC 3339 seconds and rejects bad speeds', () => {
    const clock = make(1);
    expect(clock.nowISO()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(() => clock.setSpeed(0)).toThrow(RangeError);
    expect(() => new SimClock({ speed: -1 })).toThrow(RangeError);
  });
});

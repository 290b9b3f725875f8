import { describe, expect, it } from 'vitest';
import { newRsReplicas, proportionalSizes, resolveFenceposts, resolveIntOrPercent, scaleDownOld, type RsCounts } from '../src/controllers/rolling.ts';

const rs = (name: string, replicas: number, available: number, created = 0): RsCounts => ({ name, replicas, available, created });

describe('resolveFenceposts', () => {
  it('rounds surge up and unavailability down', () => {
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts('10%', '10%', 5)).toEqual({ surge: 1, unavailable: 0 });
  });

  it('lets one pod be unavailable when both limits resolve to zero', () => {
    expect(resolveFenceposts('0%', '10%', 5)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(0, 0, 3)).toEqual({ surge: 0, unavailable: 1 });
  });

  it('takes integers as they are and rejects malformed strings', () => {
    expect(resolveIntOrPercent(2, 10, true)).toBe(2);
    expect(resolveIntOrPercent('3', 10, true)).toBe(3);
    expect(() => resolveIntOrPercent('lots', 10, true)).toThrow(/not a percentage/);
  });
});

describe('newRsReplicas', () => {
  it('never exceeds desired + surge in total', () => {
    // 4 desired, surge 1: old has 4, so the new one may get 1.
    expect(newRsReplicas(4, 1, rs('new', 0, 0), [rs('old', 4, 4), rs('new', 0, 0)])).toBe(1);
    // Already at the ceiling: no growth.
    expect(newRsReplicas(4, 1, rs('new', 1, 0), [rs('old', 4, 4), rs('new', 1, 0)])).toBe(1);
    // Never beyond desired.
    expect(newRsReplicas(4, 10, rs('new', 0, 0), [rs('old', 1, 1), rs('new', 0, 0)])).toBe(4);
  });
});

describe('scaleDownOld', () => {
  it('keeps desired - maxUnavailable available', () => {
    // desired 4, unavailable 1; old 4 available, new 1 not yet available: may drop to 3 available.
    const sizes = scaleDownOld(4, 1, rs('new', 1, 0), [rs('old', 4, 4)]);
    expect(sizes.get('old')).toBe(3);
  });

  it('does nothing while the new pods are not available and no budget is left', () => {
    const sizes = scaleDownOld(4, 0, rs('new', 1, 0), [rs('old', 4, 4)]);
    expect(sizes.size).toBe(0);
  });

  it('removes unhealthy old replicas first, oldest ReplicaSet first', () => {
    const sizes = scaleDownOld(4, 1, rs('new', 1, 1), [rs('older', 2, 0, 1), rs('old', 2, 2, 2)]);
    // older's 2 unavailable go first; then availability 3 (old 2 + new 1) is exactly the minimum.
    expect(sizes.get('older')).toBe(0);
    expect(sizes.has('old')).toBe(false);
  });

  it('simulated rollout: never more than desired+surge pods, never fewer than desired-unavailable available', () => {
    for (const [desired, surgeIn, unavailIn] of [
      [5, '25%', '25%'],
      [3, 1, 0],
      [3, 0, 1],
      [10, '50%', '0%'],
      [1, 1, 0],
    ] as const) {
      const { surge, unavailable } = resolveFenceposts(surgeIn, unavailIn, desired);
      let old = rs('old', desired, desired, 0);
      let neu = rs('new', 0, 0, 1);
      for (let step = 0; step < 100 && !(neu.available === desired && old.replicas === 0); step++) {
        neu = { ...neu, replicas: newRsReplicas(desired, surge, neu, [old, neu]) };
        expect(old.replicas + neu.replicas).toBeLessThanOrEqual(desired + surge);
        const down = scaleDownOld(desired, unavailable, neu, [old]).get('old');
        if (down !== undefined) old = { ...old, replicas: down, available: Math.min(old.available, down) };
        expect(old.available + neu.available).toBeGreaterThanOrEqual(Math.min(desired - unavailable, desired));
        // Pods become available one step later.
        neu = { ...neu, available: neu.replicas };
      }
      expect(neu).toMatchObject({ replicas: desired, available: desired });
      expect(old.replicas).toBe(0);
    }
  });
});

describe('proportionalSizes', () => {
  it('spreads a scale-up over active ReplicaSets by their share', () => {
    // 10 desired mid-rollout (surge 3): old 8, new 5; scaled to 20 → allowed 23 (surge 3 unchanged for simplicity).
    const sizes = proportionalSizes(20, 3, [
      { ...rs('old', 8, 8, 0), annotatedMax: 13 },
      { ...rs('new', 5, 0, 1), annotatedMax: 13 },
    ], 13);
    expect((sizes.get('old') ?? 0) + (sizes.get('new') ?? 0)).toBe(23);
    expect(sizes.get('old')).toBeGreaterThan(sizes.get('new') ?? 0);
  });

  it('scales everything to zero with the deployment', () => {
    const sizes = proportionalSizes(0, 0, [{ ...rs('a', 2, 2), annotatedMax: 4 }, { ...rs('b', 2, 2, 1), annotatedMax: 4 }], 4);
    expect([...sizes.values()]).toEqual([0, 0]);
  });
});

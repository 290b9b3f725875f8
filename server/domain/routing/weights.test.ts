import { describe, expect, it } from 'vitest';
import { describeWeights, sameWeights, setWeightsInput, weightsProblem } from './weights.ts';

const services = [
  { id: 1, displayName: 'a', clusterId: 5, namespace: 'production' },
  { id: 2, displayName: 'b', clusterId: 5, namespace: 'production' },
  { id: 3, displayName: 'c', clusterId: 5, namespace: 'production' },
];
const messages = (input: unknown) => {
  const parsed = setWeightsInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('traffic weights', () => {
  it('accepts whole percentages that add up to 100, zero included', () => {
    expect(messages({ applicationId: 1, level: 'production', weights: [{ serviceId: 1, weight: 70 }, { serviceId: 2, weight: 30 }, { serviceId: 3, weight: 0 }] })).toEqual([]);
  });

  it('refuses sums other than 100, fractions, negatives, over 100 and repeated services', () => {
    expect(messages({ applicationId: 1, level: 'production', weights: [{ serviceId: 1, weight: 70 }, { serviceId: 2, weight: 20 }] })).toContain(
      'the weights add up to 90; they must add up to 100',
    );
    expect(messages({ applicationId: 1, level: 'production', weights: [{ serviceId: 1, weight: 50.5 }, { serviceId: 2, weight: 49.5 }] })).toContain('a weight is a whole number of percent');
    expect(messages({ applicationId: 1, level: 'production', weights: [{ serviceId: 1, weight: -10 }, { serviceId: 2, weight: 110 }] })).toEqual(
      expect.arrayContaining(['a weight cannot be below 0', 'a weight cannot exceed 100']),
    );
    expect(messages({ applicationId: 1, level: 'production', weights: [{ serviceId: 1, weight: 50 }, { serviceId: 1, weight: 50 }] })).toContain('service 1 is given twice');
    expect(messages({ applicationId: 1, level: 'qa', weights: [{ serviceId: 1, weight: 100 }] })[0]).toMatch(/level must be one of/);
  });

  it('wants every service of the level, only those, on one cluster and namespace', () => {
    expect(weightsProblem([{ serviceId: 1 }, { serviceId: 2 }, { serviceId: 3 }], services, 'production')).toBeNull();
    expect(weightsProblem([{ serviceId: 1 }, { serviceId: 2 }], services, 'production')).toBe('give a weight (0 is allowed) for every service at production; missing: c');
    expect(weightsProblem([{ serviceId: 1 }, { serviceId: 2 }, { serviceId: 3 }, { serviceId: 9 }], services, 'production')).toBe(
      'service 9 is not a service of this application at production',
    );
    const split = [...services.slice(0, 2), { id: 3, displayName: 'c', clusterId: 6, namespace: 'production' }];
    expect(weightsProblem([{ serviceId: 1 }, { serviceId: 2 }, { serviceId: 3 }], split, 'production')).toMatch(/more than one cluster or namespace/);
  });

  it('describes and compares splits whatever their order', () => {
    const names = new Map([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(describeWeights([{ serviceId: 1, weight: 70 }, { serviceId: 2, weight: 30 }], names)).toBe('a 70%, b 30%');
    expect(sameWeights([{ serviceId: 1, weight: 70 }, { serviceId: 2, weight: 30 }], [{ serviceId: 2, weight: 30 }, { serviceId: 1, weight: 70 }])).toBe(true);
    expect(sameWeights([{ serviceId: 1, weight: 70 }, { serviceId: 2, weight: 30 }], [{ serviceId: 1, weight: 30 }, { serviceId: 2, weight: 70 }])).toBe(false);
  });
});

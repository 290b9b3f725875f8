import { describe, expect, it } from 'vitest';
import { patchSpec, sameSpec, serviceSpecPatchSchema, serviceSpecSchema } from './spec.ts';

const base = serviceSpecSchema.parse({ image: 'example/iris:1' });

const issues = (input: unknown) => {
  const result = serviceSpecSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('service spec', () => {
  it('fills the defaults the original Drucker used', () => {
    expect(base).toMatchObject({ port: 5000, cpuRequest: '500m', memoryRequest: '512Mi', replicas: 1, maxSurge: '25%', maxUnavailable: '25%', memo: '', env: [] });
  });

  it('refuses what a real API server would refuse, with the field', () => {
    expect(issues({ image: 'x', cpuRequest: '2', cpuLimit: '1500m' })).toEqual(['cpuRequest: the CPU request 2 exceeds the limit 1500m']);
    expect(issues({ image: 'x', memoryRequest: '2Gi', memoryLimit: '1G' })).toEqual(['memoryRequest: the memory request 2Gi exceeds the limit 1G']);
    expect(issues({ image: 'x', maxSurge: 0, maxUnavailable: '0%' })).toEqual([expect.stringMatching(/^maxUnavailable: maxSurge and maxUnavailable cannot both be 0/)]);
    expect(issues({ image: 'x', maxSurge: '150%' })).toEqual(['maxSurge: a percentage cannot exceed 100%']);
    expect(issues({ image: 'x', port: 70000 })).toEqual(['port: the port must be between 1 and 65535']);
    // One message per mistake: an empty image is "required", not also "contains spaces".
    expect(issues({ image: '' })).toEqual(['image: the image is required']);
    expect(issues({ image: 'example/iris: 1' })).toEqual(['image: the image must not contain spaces']);
    // Kubernetes has no upper-case K suffix (k is decimal kilo, Ki binary): a real server refuses 512K.
    expect(issues({ image: 'x', memoryRequest: '512K' })).toEqual(['memoryRequest: memory must look like 512Mi, 2Gi or 1G']);
    expect(issues({ image: 'x', env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] })).toEqual(['env.1.name: A is set twice']);
    expect(issues({ image: 'x', env: [{ name: 'DRUCKER_SERVICE_LEVEL', value: 'x' }] })).toEqual([expect.stringMatching(/^env.0.name: names starting with DRUCKER_/)]);
    expect(issues({ image: 'x', minReplicas: 2 })).toEqual(['maxReplicas: set minReplicas and maxReplicas together to enable autoscaling']);
    expect(issues({ image: 'x', unknownField: 1 })).toHaveLength(1);
  });

  it('allows Recreate with both rolling limits at 0, since they do not apply', () => {
    expect(issues({ image: 'x', strategy: 'Recreate', maxSurge: 0, maxUnavailable: 0 })).toEqual([]);
  });

  it('patches only the fields given, clears optional ones with null, and re-validates the whole', () => {
    const limited = patchSpec(base, serviceSpecPatchSchema.parse({ cpuLimit: '1', memoryRequest: '1Gi' }));
    expect(limited).toMatchObject({ cpuLimit: '1', memoryRequest: '1Gi', image: 'example/iris:1', replicas: 1 });
    expect(patchSpec(limited, serviceSpecPatchSchema.parse({ cpuLimit: null })).cpuLimit).toBeUndefined();
    expect(() => patchSpec(limited, serviceSpecPatchSchema.parse({ cpuRequest: '2' }))).toThrow(/exceeds the limit/);
  });

  it('compares specs by content, not key order', () => {
    const reordered = serviceSpecSchema.parse(Object.fromEntries(Object.entries(base).reverse()));
    expect(sameSpec(base, reordered)).toBe(true);
    expect(sameSpec(base, { ...base, memo: 'x' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { patchSpec, serviceSpecPatchSchema, serviceSpecSchema } from '../../server/domain/services/spec.ts';
import { blankSpecForm, formToPatch, formToSpec, specToForm } from './spec-form.ts';

// The service dialog's text fields against the API's own schemas: what the form sends must be what
// the API accepts, and an edit must change only what the person changed.

describe('service dialog form', () => {
  it('turns the defaults plus an image into a spec the API accepts, with the same defaults', () => {
    const spec = serviceSpecSchema.parse(formToSpec({ ...blankSpecForm, image: 'example/iris:1' }));
    expect(spec).toEqual(serviceSpecSchema.parse({ image: 'example/iris:1' }));
  });

  it('round-trips a full spec through the form unchanged', () => {
    const spec = serviceSpecSchema.parse({
      image: 'example/iris:2',
      port: 6000,
      cpuRequest: '250m',
      cpuLimit: '1',
      memoryRequest: '256Mi',
      memoryLimit: '1Gi',
      replicas: 3,
      minReplicas: 2,
      maxReplicas: 6,
      cpuThreshold: 70,
      maxSurge: 1,
      maxUnavailable: '0%',
      minReadySeconds: 5,
      progressDeadlineSeconds: 120,
      strategy: 'RollingUpdate',
      memo: 'kept out of the form',
      env: [{ name: 'THREADS', value: '4' }],
    });
    const again = serviceSpecSchema.parse({ ...formToSpec(specToForm(spec)), memo: spec.memo });
    expect(again).toEqual(spec);
  });

  it('an edit patch changes the CPU and nothing else', () => {
    const current = serviceSpecSchema.parse({ image: 'example/iris:1', cpuRequest: '250m', memo: 'm1', env: [{ name: 'A', value: '1' }] });
    const patch = serviceSpecPatchSchema.parse(formToPatch({ ...specToForm(current), cpuRequest: '300m' }));
    expect(patchSpec(current, patch)).toEqual({ ...current, cpuRequest: '300m' });
  });

  it('switching autoscaling off or clearing a limit sends null, which removes them', () => {
    const current = serviceSpecSchema.parse({ image: 'x:1', cpuLimit: '1', minReplicas: 1, maxReplicas: 4, cpuThreshold: 60 });
    const patch = serviceSpecPatchSchema.parse(formToPatch({ ...specToForm(current), autoscaling: false, cpuLimit: '' }));
    const next = patchSpec(current, patch);
    expect(next.minReplicas).toBeUndefined();
    expect(next.maxReplicas).toBeUndefined();
    expect(next.cpuThreshold).toBeUndefined();
    expect(next.cpuLimit).toBeUndefined();
  });

  it('leaves blank rows of environment variables out and keeps percentages as text', () => {
    const spec = formToSpec({ ...blankSpecForm, image: 'x:1', maxSurge: '2', maxUnavailable: '50%', env: [{ name: 'A', value: '1' }, { name: ' ', value: '' }] });
    expect(spec.env).toEqual([{ name: 'A', value: '1' }]);
    expect(spec.maxSurge).toBe(2);
    expect(spec.maxUnavailable).toBe('50%');
  });

  it('sends a port that is not a number as typed, so the API names the field', () => {
    const result = serviceSpecSchema.safeParse(formToSpec({ ...blankSpecForm, image: 'x:1', port: 'http' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['port']);
  });
});

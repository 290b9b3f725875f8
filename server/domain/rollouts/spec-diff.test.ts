import { describe, expect, it } from 'vitest';
import { serviceSpecSchema, type ServiceSpecInput } from '../services/spec.ts';
import { diffSpecs } from './spec-diff.ts';

const spec = (over: Partial<ServiceSpecInput> = {}) => serviceSpecSchema.parse({ image: 'example/iris:1', ...over });

describe('diffSpecs', () => {
  it('finds nothing between equal revisions', () => {
    expect(diffSpecs({ spec: spec(), modelId: 3 }, { spec: spec(), modelId: 3 })).toEqual([]);
  });

  it('reports changed fields with before and after', () => {
    const changes = diffSpecs({ spec: spec({ cpuRequest: '500m', replicas: 2 }), modelId: null }, { spec: spec({ image: 'example/iris:2', cpuRequest: '1', replicas: 2 }), modelId: null });
    expect(changes).toEqual([
      { field: 'image', label: 'Image', change: 'changed', before: 'example/iris:1', after: 'example/iris:2' },
      { field: 'cpuRequest', label: 'CPU request', change: 'changed', before: '500m', after: '1' },
    ]);
  });

  it('reports optional fields as added or removed', () => {
    const before = { spec: spec({ cpuLimit: '2' }), modelId: null };
    const after = { spec: spec({ minReplicas: 2, maxReplicas: 5 }), modelId: null };
    expect(diffSpecs(before, after)).toEqual([
      { field: 'cpuLimit', label: 'CPU limit', change: 'removed', before: '2' },
      { field: 'minReplicas', label: 'Autoscaling minimum', change: 'added', after: 2 },
      { field: 'maxReplicas', label: 'Autoscaling maximum', change: 'added', after: 5 },
    ]);
  });

  it('compares environment variables by name, whatever their order', () => {
    const before = { spec: spec({ env: [{ name: 'B', value: '1' }, { name: 'A', value: 'x' }, { name: 'GONE', value: 'y' }] }), modelId: null };
    const after = { spec: spec({ env: [{ name: 'A', value: 'x' }, { name: 'B', value: '2' }, { name: 'NEW', value: 'z' }] }), modelId: null };
    expect(diffSpecs(before, after)).toEqual([
      { field: 'env.B', label: 'Environment variable B', change: 'changed', before: '1', after: '2' },
      { field: 'env.GONE', label: 'Environment variable GONE', change: 'removed', before: 'y' },
      { field: 'env.NEW', label: 'Environment variable NEW', change: 'added', after: 'z' },
    ]);
  });

  it('reports a memo restart, a strategy switch and percentages against counts', () => {
    const changes = diffSpecs(
      { spec: spec({ memo: '', maxSurge: '25%', strategy: 'RollingUpdate' }), modelId: null },
      { spec: spec({ memo: 'restart for cache', maxSurge: 1, strategy: 'Recreate' }), modelId: null },
    );
    expect(changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['maxSurge', '25%', 1],
      ['strategy', 'RollingUpdate', 'Recreate'],
      ['memo', '', 'restart for cache'],
    ]);
  });

  it('reports the model switch', () => {
    expect(diffSpecs({ spec: spec(), modelId: 3 }, { spec: spec(), modelId: 4 })).toEqual([{ field: 'model', label: 'Model', change: 'changed', before: 3, after: 4 }]);
    expect(diffSpecs({ spec: spec(), modelId: null }, { spec: spec(), modelId: 4 })).toEqual([{ field: 'model', label: 'Model', change: 'added', after: 4 }]);
  });

  it('shows the first revision as everything added', () => {
    const changes = diffSpecs(null, { spec: spec({ env: [{ name: 'A', value: '1' }] }), modelId: 9 });
    expect(changes.every((c) => c.change === 'added')).toBe(true);
    expect(changes.map((c) => c.field)).toEqual(expect.arrayContaining(['image', 'port', 'cpuRequest', 'memo', 'env.A', 'model']));
    // The empty memo is a value too: it is what DRUCKER_SERVICE_UPDATE_FLAG was.
    expect(changes.find((c) => c.field === 'memo')).toEqual({ field: 'memo', label: 'Memo', change: 'added', after: '' });
  });

  it('shows a rollback target as the reverse of the change it undoes', () => {
    const r1 = { spec: spec({ cpuRequest: '500m' }), modelId: 1 };
    const r2 = { spec: spec({ cpuRequest: '1' }), modelId: 2 };
    const forward = diffSpecs(r1, r2);
    const back = diffSpecs(r2, r1);
    expect(back.map((c) => [c.field, c.before, c.after])).toEqual(forward.map((c) => [c.field, c.after, c.before]));
  });
});

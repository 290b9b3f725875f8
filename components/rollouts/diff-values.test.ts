import { describe, expect, it } from 'vitest';
import { diffValues } from './diff-values.ts';

const model = (id: number, version: string) => ({ id, name: 'iris-svm', version });

describe('diff cells', () => {
  it('name the model by name and version, not by its id', () => {
    const diff = {
      from: { rolloutId: 8, revision: 2, model: model(1, 'v2') },
      to: { rolloutId: 3, revision: 1, model: null },
      changes: [{ field: 'model', label: 'Model', change: 'removed' as const, before: 1 }],
      modelChanged: true,
    };
    expect(diffValues(diff, diff.changes[0]!)).toEqual({ before: 'iris-svm v2', after: undefined });
    const switched = { ...diff, to: { rolloutId: 9, revision: 3, model: model(2, 'v3') }, changes: [{ field: 'model', label: 'Model', change: 'changed' as const, before: 1, after: 2 }] };
    expect(diffValues(switched, switched.changes[0]!)).toEqual({ before: 'iris-svm v2', after: 'iris-svm v3' });
  });

  it('leave every other field as the API gave it', () => {
    const diff = { from: null, to: { rolloutId: 1, revision: 1, model: null }, changes: [{ field: 'cpuRequest', label: 'CPU request', change: 'changed' as const, before: '300m', after: '250m' }], modelChanged: false };
    expect(diffValues(diff, diff.changes[0]!)).toEqual({ before: '300m', after: '250m' });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_MAX_OLD_SPACE_MB, heapLimitFlag } from './heap-limit.ts';

describe('heapLimitFlag', () => {
  it('adds the default limit when nothing is set', () => {
    expect(heapLimitFlag({}, [])).toBe(`--max-old-space-size=${DEFAULT_WORKER_MAX_OLD_SPACE_MB}`);
    expect(heapLimitFlag({ WORKER_MAX_OLD_SPACE_MB: '' }, [])).toBe(`--max-old-space-size=${DEFAULT_WORKER_MAX_OLD_SPACE_MB}`);
  });

  it('uses WORKER_MAX_OLD_SPACE_MB, and 0 keeps Node’s default', () => {
    expect(heapLimitFlag({ WORKER_MAX_OLD_SPACE_MB: '256' }, [])).toBe('--max-old-space-size=256');
    expect(heapLimitFlag({ WORKER_MAX_OLD_SPACE_MB: '0' }, [])).toBeUndefined();
  });

  it('leaves a limit given on the command line or in NODE_OPTIONS alone (and so stops after one re-execution)', () => {
    expect(heapLimitFlag({}, ['--max-old-space-size=192'])).toBeUndefined();
    expect(heapLimitFlag({ WORKER_MAX_OLD_SPACE_MB: '300' }, ['--max_old_space_size=100'])).toBeUndefined();
    expect(heapLimitFlag({ NODE_OPTIONS: '--enable-source-maps --max-old-space-size=128' }, [])).toBeUndefined();
  });

  it('rejects a value that is not a whole number of MiB', () => {
    for (const bad of ['-1', '1.5', '160M', 'lots']) {
      expect(() => heapLimitFlag({ WORKER_MAX_OLD_SPACE_MB: bad }, [])).toThrow(/WORKER_MAX_OLD_SPACE_MB must be a whole number/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatSeconds } from './bytes.ts';

describe('formatBytes', () => {
  it('picks the unit', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(320 * 1024)).toBe('320 KiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
  });
});

describe('formatSeconds', () => {
  it('reads as time left', () => {
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(65)).toBe('1 min 5 s');
    expect(formatSeconds(3725)).toBe('1 h 2 min');
    expect(formatSeconds(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

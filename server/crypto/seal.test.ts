import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './seal.ts';

describe('seal', () => {
  const key = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const sealed = seal('apiVersion: v1\ntoken: s3cret', key);
    expect(sealed).not.toContain('s3cret');
    expect(unseal(sealed, key)).toBe('apiVersion: v1\ntoken: s3cret');
  });

  it('uses a fresh nonce each time', () => {
    expect(seal('same', key)).not.toBe(seal('same', key));
  });

  it('refuses a different key or a tampered value with a clear message', () => {
    const sealed = seal('secret', key);
    expect(() => unseal(sealed, randomBytes(32))).toThrow(/DRUCKER_SECRET_KEY/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => unseal(parts.join('.'), key)).toThrow(/cannot unseal/);
    expect(() => unseal('garbage', key)).toThrow(/unknown format/);
  });
});

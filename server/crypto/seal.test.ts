import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isLegacySealed, seal, unseal } from './seal.ts';

describe('seal', () => {
  const key = randomBytes(32);
  const where = { table: 'clusters', column: 'kubeconfig_sealed', id: 7 };

  it('round-trips and never contains the plaintext', () => {
    const sealed = seal('apiVersion: v1\ntoken: s3cret', where, key);
    expect(sealed).not.toContain('s3cret');
    expect(sealed.startsWith('v2.')).toBe(true);
    expect(unseal(sealed, where, key)).toBe('apiVersion: v1\ntoken: s3cret');
  });

  it('uses a fresh nonce each time', () => {
    expect(seal('same', where, key)).not.toBe(seal('same', where, key));
  });

  it('refuses a different key or a tampered value with a clear message', () => {
    const sealed = seal('secret', where, key);
    expect(() => unseal(sealed, where, randomBytes(32))).toThrow(/DRUCKER_SECRET_KEY/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => unseal(parts.join('.'), where, key)).toThrow(/cannot unseal/);
    expect(() => unseal('garbage', where, key)).toThrow(/unknown format/);
  });

  it('is bound to its row and column: a value swapped between rows or columns does not unseal', () => {
    const sealed = seal('kubeconfig of cluster 7', where, key);
    expect(() => unseal(sealed, { ...where, id: 8 }, key)).toThrow(/moved from another row/);
    expect(() => unseal(sealed, { ...where, column: 'service_db_sealed' }, key)).toThrow(/cannot unseal/);
    expect(() => unseal(sealed, { ...where, table: 'applications' }, key)).toThrow(/cannot unseal/);
  });

  it('refuses a truncated tag or a non-standard IV, which GCM alone would accept', () => {
    const [version, iv, tag, ciphertext] = seal('secret', where, key).split('.');
    const shortTag = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => unseal([version, iv, shortTag, ciphertext].join('.'), where, key)).toThrow(/unknown format/);
    const longIv = randomBytes(16).toString('base64url');
    expect(() => unseal([version, longIv, tag, ciphertext].join('.'), where, key)).toThrow(/unknown format/);
  });

  it('still reads v1 values sealed before row binding', () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update('old secret', 'utf8'), cipher.final()]);
    const v1 = ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    expect(isLegacySealed(v1)).toBe(true);
    expect(unseal(v1, where, key)).toBe('old secret');
  });
});

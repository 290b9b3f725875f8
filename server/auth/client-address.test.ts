import { describe, expect, it } from 'vitest';
import { clientAddress, CLIENT_ADDRESS_HEADER } from './client-address.ts';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    const headers = new Headers({ 'x-forwarded-for': '6.6.6.6', [CLIENT_ADDRESS_HEADER]: '10.0.0.5' });
    expect(clientAddress(headers, 0)).toBe('10.0.0.5');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '6.6.6.6' }), 0)).toBeNull();
  });

  it('takes the address the outermost trusted proxy saw, not what the client claimed', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2', [CLIENT_ADDRESS_HEADER]: '10.0.0.3' };
    expect(clientAddress(headers, 1)).toBe('10.0.0.2');
    expect(clientAddress(headers, 2)).toBe('203.0.113.9');
  });
});

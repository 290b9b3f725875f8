import { describe, expect, it } from 'vitest';
import { describeSignInError, safeCallbackPath, signInFormSchema } from './sign-in.ts';

describe('safeCallbackPath', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/projects/3/settings?tab=tokens#x')).toBe('/projects/3/settings?tab=tokens#x');
    expect(safeCallbackPath('/')).toBe('/');
  });

  it('refuses anything that leaves the portal', () => {
    for (const raw of [
      '//evil.host/path',
      'http://127.0.0.1:3000//evil.host/path',
      '/\\evil.host',
      '/\t/evil.host',
      '/.//evil.host',
      '/%2e//evil.host',
      'https://evil.host/',
      'javascript:alert(1)',
      'projects',
      '',
      undefined,
    ]) {
      const path = safeCallbackPath(raw);
      expect(path, String(raw)).toMatch(/^\/(?!\/)/);
      expect(new URL(path, 'http://portal.test').origin, String(raw)).toBe('http://portal.test');
    }
    expect(safeCallbackPath('//evil.host/path')).toBe('/');
  });
});

describe('describeSignInError', () => {
  it('describes known codes and never echoes unknown text', () => {
    expect(describeSignInError('CredentialsSignin')).toBe('Wrong email or password.');
    expect(describeSignInError('SignInPaused-30')).toBe('Too many failed sign-ins for this email. Wait 30 seconds, then try again.');
    expect(describeSignInError('AddressPaused-60')).toMatch(/from your network address\. Wait 60 seconds/);
    expect(describeSignInError('Your account was hacked, call +1 555 0100')).toBe('Sign-in failed. Try again.');
    expect(describeSignInError("select * from users where email = 'x'")).toBe('Sign-in failed. Try again.');
    expect(describeSignInError('toString')).toBe('Sign-in failed. Try again.');
  });
});

describe('signInFormSchema', () => {
  it('bounds the email', () => {
    expect(signInFormSchema.safeParse({ email: `${'a'.repeat(400)}@example.com`, password: 'x' }).success).toBe(false);
    expect(signInFormSchema.safeParse({ email: 'a@example.com', password: 'x' }).success).toBe(true);
  });
});

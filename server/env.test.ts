import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.ts';

const valid = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/drucker',
  JOBS_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/drucker_jobs',
  NEXTAUTH_SECRET: 'x'.repeat(32),
  DRUCKER_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
};

function lines(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.lines;
    throw error;
  }
  return [];
}

describe('parseEnv', () => {
  it('accepts a minimal configuration and fills in the defaults', () => {
    const env = parseEnv(valid);
    expect(env.MODEL_STAGING_DIR).toBe('./data/models');
    expect(env.SIGN_IN_MAX_FAILURES).toBe(5);
    expect(env.OIDC_ISSUER).toBeUndefined();
  });

  it('prints one line per missing variable, naming it', () => {
    expect(lines({})).toEqual([
      'DATABASE_URL: missing (see .env.example)',
      'JOBS_DATABASE_URL: missing (see .env.example)',
      'NEXTAUTH_SECRET: missing (see .env.example)',
      'DRUCKER_SECRET_KEY: missing (see .env.example)',
    ]);
  });

  it('says what is wrong with a bad value and how to make a good one', () => {
    const result = lines({ ...valid, DATABASE_URL: 'postgres://x@y/z', DRUCKER_SECRET_KEY: 'short', NEXTAUTH_SECRET: 'abc', WORKER_CONCURRENCY: 'many' });
    expect(result).toContain('DATABASE_URL: must start with mysql://');
    expect(result).toContain('DRUCKER_SECRET_KEY: must be 32 random bytes in base64 (openssl rand -base64 32)');
    expect(result.find((l) => l.startsWith('NEXTAUTH_SECRET:'))).toMatch(/at least 32 characters/);
    expect(result.find((l) => l.startsWith('WORKER_CONCURRENCY:'))).toBeDefined();
    expect(result).toHaveLength(4);
  });

  it('treats empty optional values as unset, and wants OIDC settings together', () => {
    expect(lines({ ...valid, S3_ENDPOINT: '', OIDC_ISSUER: '' })).toEqual([]);
    expect(lines({ ...valid, OIDC_ISSUER: 'https://sso.example.com' })).toEqual([
      'OIDC_ISSUER: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together',
    ]);
  });

  it('requires an https NEXTAUTH_URL in production, except on a loopback address', () => {
    const production = { ...valid, NODE_ENV: 'production' };
    expect(lines(production)).toEqual(['NEXTAUTH_URL: must be set to the https:// URL of the portal in production']);
    expect(lines({ ...production, NEXTAUTH_URL: 'http://drucker.example.com' })).toEqual([
      'NEXTAUTH_URL: must be an https:// URL in production (session cookies are only marked Secure over https)',
    ]);
    expect(lines({ ...production, NEXTAUTH_URL: 'https://drucker.example.com' })).toEqual([]);
    expect(lines({ ...production, NEXTAUTH_URL: 'http://localhost:3000' })).toEqual([]);
    expect(lines({ ...production, NEXTAUTH_URL: 'http://127.0.0.1:3100' })).toEqual([]);
    expect(lines({ ...valid, NEXTAUTH_URL: 'http://drucker.example.com' })).toEqual([]);
  });

  it('caps sessions at 7 days unless configured', () => {
    expect(parseEnv(valid).SESSION_MAX_AGE_DAYS).toBe(7);
    expect(parseEnv({ ...valid, SESSION_MAX_AGE_DAYS: '30' }).SESSION_MAX_AGE_DAYS).toBe(30);
    expect(lines({ ...valid, SESSION_MAX_AGE_DAYS: '0' })).toEqual(['SESSION_MAX_AGE_DAYS: Too small: expected number to be >=1']);
  });
});

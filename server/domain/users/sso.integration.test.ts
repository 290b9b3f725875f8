import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { makeUser, unique } from '../../../test/fixtures.ts';
import { signInWithSso } from './sso.ts';
import { createUser, findUserByEmail } from './users.ts';

const issuer = 'https://idp.example.test';

describe('emails compare byte for byte', () => {
  it('finds no account for accented or full-width look-alikes of its email', async () => {
    const local = unique('admin');
    const admin = await makeUser(local);
    const domain = admin.email.split('@')[1];
    expect((await findUserByEmail(db(), admin.email))?.id).toBe(admin.id);
    const accented = `${local.replace('a', 'ä')}@${domain}`;
    const fullWidth = `${[...local].map((c) => (/[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) - 0x61 + 0xff21) : c)).join('')}@${domain}`;
    expect(await findUserByEmail(db(), accented)).toBeUndefined();
    expect(await findUserByEmail(db(), fullWidth)).toBeUndefined();
  });

  it('refuses non-ASCII addresses with a message that says so', async () => {
    await expect(createUser(db(), { email: `${unique('ädmin')}@example.test` })).rejects.toThrow(/plain ASCII/);
  });
});

describe('single sign-on', () => {
  it('refuses look-alike emails instead of signing into the account they resemble', async () => {
    const admin = await makeUser('admin');
    const [local, domain] = admin.email.split('@') as [string, string];
    for (const lookAlike of [`${local.replace('a', 'ä')}@${domain}`, `ＡＤＭＩＮ${local.slice(5)}@${domain}`]) {
      expect(await signInWithSso(db(), { issuer, subject: unique('sub'), email: lookAlike, name: 'Mallory' })).toEqual({ ok: false, code: 'EmailNotAscii' });
    }
  });

  it('links the identity on first sign-in, then signs in by issuer and subject only', async () => {
    const person = await makeUser('sso');
    const subject = unique('sub');
    const first = await signInWithSso(db(), { issuer, subject, email: person.email.toUpperCase(), name: 'Person' });
    expect(first).toMatchObject({ ok: true, user: { id: person.id } });
    // The provider later sends another email for the same subject: still the same account.
    expect(await signInWithSso(db(), { issuer, subject, email: `${unique('renamed')}@example.test` })).toMatchObject({ ok: true, user: { id: person.id } });
    // Someone else at the provider who now has the linked account's email does not get it.
    expect(await signInWithSso(db(), { issuer, subject: unique('other'), email: person.email })).toEqual({ ok: false, code: 'SsoIdentityMismatch' });
    // A new person gets a new account, named by the provider.
    const email = `${unique('new')}@example.test`;
    const created = await signInWithSso(db(), { issuer, subject: unique('sub'), email, name: 'New Person' });
    expect(created).toMatchObject({ ok: true, user: { email, name: 'New Person' } });
  });

  it('links one identity once when its first sign-ins race', async () => {
    const email = `${unique('race')}@example.test`;
    const subject = unique('sub');
    const results = await Promise.all(Array.from({ length: 8 }, () => signInWithSso(db(), { issuer, subject, email })));
    const ids = new Set(results.map((r) => (r.ok ? r.user.id : r.code)));
    expect(ids.size).toBe(1);
    expect(results.every((r) => r.ok)).toBe(true);
  });
});

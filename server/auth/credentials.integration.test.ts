import { describe, expect, it } from 'vitest';
import { db } from '../../db/client.ts';
import { makeUser, unique } from '../../test/fixtures.ts';
import { signInWithPassword } from './credentials.ts';

describe('password sign-in', () => {
  it('checks at most the limit of parallel wrong guesses, and refuses the right password while paused', async () => {
    const user = await makeUser('parallel');
    const clientAddress = unique('addr');
    const limits = { perEmail: 5, perAddress: 1000 };
    const guesses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signInWithPassword(db(), { email: user.email, password: `wrong-${i}`, clientAddress }, limits)),
    );
    // Every call answered (none threw, e.g. on a duplicate throttle row); a wrong password that was
    // actually checked says CredentialsSignin, the rest were refused before any check.
    const checked = guesses.filter((g) => !g.ok && g.code === 'CredentialsSignin').length;
    const paused = guesses.filter((g) => !g.ok && /^SignInPaused-\d+$/.test(g.code)).length;
    expect(guesses.some((g) => g.ok)).toBe(false);
    expect(checked).toBeLessThanOrEqual(limits.perEmail);
    expect(checked + paused).toBe(60);
    const right = await signInWithPassword(db(), { email: user.email, password: user.password, clientAddress }, limits);
    expect(right).toMatchObject({ ok: false, code: expect.stringMatching(/^SignInPaused-\d+$/) });
  });

  it('signs in with the right password, case-insensitively, and refuses over-long input without a lookup', async () => {
    const user = await makeUser('right');
    const limits = { perEmail: 5, perAddress: 1000 };
    const clientAddress = unique('addr');
    expect(await signInWithPassword(db(), { email: user.email.toUpperCase(), password: user.password, clientAddress }, limits)).toEqual({
      ok: true,
      user: { id: user.id, email: user.email, name: user.name },
    });
    const long = `${'a'.repeat(400)}@example.test`;
    expect(await signInWithPassword(db(), { email: long, password: 'x', clientAddress }, limits)).toEqual({ ok: false, code: 'CredentialsSignin' });
  });
});

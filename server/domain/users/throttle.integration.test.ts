import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { unique } from '../../../test/fixtures.ts';
import { releaseSignInAttempt, reserveSignInAttempt, SignInBlockedError } from './throttle.ts';

const limits = { perEmail: 3, perAddress: 5 };
const at = (t0: Date, seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('sign-in throttle', () => {
  it('pauses an email after too many attempts, doubling the pause, and forgets on success', async () => {
    const attempt = { email: `${unique('guess')}@example.test`, address: unique('addr') };
    const wide = { perEmail: 3, perAddress: 100 };
    const t0 = new Date();
    for (let i = 0; i < 3; i++) await reserveSignInAttempt(db(), attempt, wide, t0);
    const blocked = await reserveSignInAttempt(db(), attempt, wide, t0).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(SignInBlockedError);
    expect((blocked as SignInBlockedError).retryAfterSeconds).toBe(30);
    expect((blocked as SignInBlockedError).message).toBe('Too many failed sign-ins for this email. Wait 30 seconds, then try again.');
    // After the pause one more attempt is checked; failing, it doubles the pause.
    await reserveSignInAttempt(db(), attempt, wide, at(t0, 31));
    await expect(reserveSignInAttempt(db(), attempt, wide, at(t0, 60))).rejects.toMatchObject({ retryAfterSeconds: 31, scope: 'email' });
    await releaseSignInAttempt(db(), attempt, wide);
    await expect(reserveSignInAttempt(db(), attempt, wide, at(t0, 60))).resolves.toBeUndefined();
  });

  it('pauses a client address that guesses over many emails; its own sign-ins do not reset it', async () => {
    const address = unique('addr');
    const t0 = new Date();
    for (let i = 0; i < 4; i++) await reserveSignInAttempt(db(), { email: `${unique('spread')}@example.test`, address }, limits, t0);
    // A correct sign-in gives back only its own reservation.
    const own = { email: `${unique('own')}@example.test`, address };
    await reserveSignInAttempt(db(), own, limits, t0);
    await releaseSignInAttempt(db(), own, limits);
    await reserveSignInAttempt(db(), { email: `${unique('spread')}@example.test`, address }, limits, t0);
    const blocked = await reserveSignInAttempt(db(), { email: `${unique('spread')}@example.test`, address }, limits, t0).catch((e: unknown) => e);
    expect(blocked).toMatchObject({ scope: 'address', retryAfterSeconds: 30 });
    expect((blocked as Error).message).toBe('Too many failed sign-ins from your network address. Wait 30 seconds, then try again.');
    // Unknown addresses share no bucket: only their emails are counted.
    for (let i = 0; i < 8; i++) await reserveSignInAttempt(db(), { email: `${unique('spread')}@example.test`, address: null }, limits, t0);
    // Another address is unaffected.
    await expect(reserveSignInAttempt(db(), { email: `${unique('spread')}@example.test`, address: unique('addr') }, limits, t0)).resolves.toBeUndefined();
  });
});

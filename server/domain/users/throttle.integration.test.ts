import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { unique } from '../../../test/fixtures.ts';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure, SignInBlockedError } from './throttle.ts';

describe('sign-in throttle', () => {
  it('pauses an email after too many failures, doubling the pause, and forgets on success', async () => {
    const email = `${unique('guess')}@example.test`;
    const t0 = new Date();
    for (let i = 0; i < 2; i++) await recordSignInFailure(db(), email, 3, t0);
    await expect(assertSignInAllowed(db(), email, t0)).resolves.toBeUndefined();
    await recordSignInFailure(db(), email, 3, t0);
    const blocked = await assertSignInAllowed(db(), email, t0).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(SignInBlockedError);
    expect((blocked as SignInBlockedError).retryAfterSeconds).toBe(30);
    expect((blocked as SignInBlockedError).message).toBe('Too many failed sign-ins for this email. Wait 30 seconds, then try again.');
    await expect(assertSignInAllowed(db(), email, new Date(t0.getTime() + 31_000))).resolves.toBeUndefined();
    await recordSignInFailure(db(), email, 3, new Date(t0.getTime() + 31_000));
    await expect(assertSignInAllowed(db(), email, new Date(t0.getTime() + 60_000))).rejects.toMatchObject({ retryAfterSeconds: 31 });
    await clearSignInFailures(db(), email);
    await expect(assertSignInAllowed(db(), email, new Date(t0.getTime() + 60_000))).resolves.toBeUndefined();
  });
});

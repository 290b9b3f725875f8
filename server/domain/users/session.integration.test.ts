import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { makeUser } from '../../../test/fixtures.ts';
import { getSessionUser, resetPassword, setUserDisabled } from './users.ts';

const DAY = 86_400_000;

describe('sessions', () => {
  it('end when the password is reset; a session begun afterwards counts', async () => {
    const user = await makeUser('session');
    const before = { userId: user.id, authAt: Date.now() - 1000 };
    expect(await getSessionUser(db(), before, 7 * DAY)).toMatchObject({ id: user.id });
    await resetPassword(db(), user.email, 'a-brand-new-password');
    expect(await getSessionUser(db(), before, 7 * DAY)).toBeUndefined();
    expect(await getSessionUser(db(), { userId: user.id, authAt: Date.now() }, 7 * DAY)).toMatchObject({ id: user.id });
  });

  it('end at their maximum age however often they were renewed, and without a sign-in time', async () => {
    const user = await makeUser('session');
    const now = Date.now();
    expect(await getSessionUser(db(), { userId: user.id, authAt: now - 6 * DAY }, 7 * DAY, now)).toMatchObject({ id: user.id });
    expect(await getSessionUser(db(), { userId: user.id, authAt: now - 8 * DAY }, 7 * DAY, now)).toBeUndefined();
    expect(await getSessionUser(db(), { userId: user.id, authAt: undefined }, 7 * DAY, now)).toBeUndefined();
  });

  it('of a disabled account do not come back when it is enabled again', async () => {
    const user = await makeUser('session');
    const session = { userId: user.id, authAt: Date.now() - 1000 };
    await setUserDisabled(db(), user.email, true);
    expect(await getSessionUser(db(), session, 7 * DAY)).toBeUndefined();
    await setUserDisabled(db(), user.email, false);
    expect(await getSessionUser(db(), session, 7 * DAY)).toBeUndefined();
  });
});

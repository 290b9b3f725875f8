import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isDuplicateKey, type Db } from '../../../db/client.ts';
import { ssoIdentities, users } from '../../../db/schema/users.ts';
import { AppError } from '../../errors.ts';
import { email } from '../names.ts';
import { createUser, defaultName, findUserByEmail, toDto, type UserDto } from './users.ts';

export const ssoSignInInput = z.object({
  issuer: z.string().min(1).max(255),
  subject: z.string().min(1).max(255),
  email: z.string(),
  name: z.string().nullish(),
});

/** Codes the sign-in page describes (lib/sign-in.ts). */
export type SsoRefusal = 'EmailNotAscii' | 'SsoIdentityMismatch' | 'AccountDisabled';

/**
 * Single sign-on: the person is the provider's issuer + subject. An identity seen before signs into
 * the account it was linked to, whatever email the provider sends now. A new identity is linked to
 * the account with its (verified, ASCII, byte-exact) email, or to a new account — unless that
 * account is already linked to another subject of the same provider, which would be a takeover.
 */
export async function signInWithSso(db: Db, raw: z.input<typeof ssoSignInInput>): Promise<{ ok: true; user: UserDto } | { ok: false; code: SsoRefusal }> {
  const input = ssoSignInInput.parse(raw);
  const linked = await linkedUser(db, input.issuer, input.subject);
  if (linked) return linked.disabledAt ? { ok: false, code: 'AccountDisabled' } : { ok: true, user: await adoptName(db, linked, input.name) };

  const address = email.safeParse(input.email);
  if (!address.success) return { ok: false, code: 'EmailNotAscii' };
  let user = await findUserByEmail(db, address.data);
  if (user?.disabledAt) return { ok: false, code: 'AccountDisabled' };
  if (user) {
    const [other] = await db
      .select({ subject: ssoIdentities.subject })
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.userId, user.id), eq(ssoIdentities.issuer, input.issuer)))
      .limit(1);
    if (other && other.subject !== input.subject) return { ok: false, code: 'SsoIdentityMismatch' };
    // Linked to this very identity since the lookup above: a parallel first sign-in of the same person.
    if (other) return { ok: true, user: await adoptName(db, user, input.name) };
  } else {
    try {
      await createUser(db, { email: address.data, name: input.name?.trim().slice(0, 200) || undefined });
    } catch (error) {
      // The same person's parallel first sign-in created it (createUser reports that as a conflict).
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
    user = await findUserByEmail(db, address.data);
    if (!user) throw new Error('the account for a first single sign-on was not created');
  }
  try {
    await db.insert(ssoIdentities).values({ issuer: input.issuer, subject: input.subject, userId: user.id });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // A parallel sign-in linked first: fine if it linked this identity to this account.
    const again = await linkedUser(db, input.issuer, input.subject);
    if (again?.id !== user.id) return { ok: false, code: 'SsoIdentityMismatch' };
  }
  return { ok: true, user: await adoptName(db, user, input.name) };
}

async function linkedUser(db: Db, issuer: string, subject: string) {
  const [row] = await db
    .select({ user: users })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)))
    .limit(1);
  return row?.user;
}

/** An account made when an admin added the email still carries the placeholder name; the provider's replaces it. */
async function adoptName(db: Db, user: typeof users.$inferSelect, name: string | null | undefined): Promise<UserDto> {
  const providerName = name?.trim().slice(0, 200);
  if (providerName && user.name === defaultName(user.email) && providerName !== user.name) {
    await db.update(users).set({ name: providerName }).where(eq(users.id, user.id));
    return toDto({ ...user, name: providerName });
  }
  return toDto(user);
}

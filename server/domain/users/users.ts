import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isDuplicateKey, type DbOrTx } from '../../../db/client.ts';
import { users } from '../../../db/schema/users.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/password.ts';
import { AppError } from '../../errors.ts';
import { email } from '../names.ts';

export const password = z.string().min(MIN_PASSWORD_LENGTH, `the password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const createUserInput = z.object({
  email,
  name: z.string().trim().min(1).max(200).optional(),
  password: password.optional(),
});

export const userOutput = z.object({ id: z.number(), email: z.string(), name: z.string() });
export type UserDto = z.infer<typeof userOutput>;

export const defaultName = (address: string) => address.split('@')[0] ?? address;

export const toDto = (row: typeof users.$inferSelect): UserDto => ({ id: row.id, email: row.email, name: row.name });

export async function createUser(db: DbOrTx, raw: z.input<typeof createUserInput>): Promise<UserDto> {
  const input = createUserInput.parse(raw);
  try {
    const [created] = await db
      .insert(users)
      .values({
        email: input.email,
        name: input.name ?? defaultName(input.email),
        passwordHash: input.password ? await hashPassword(input.password) : null,
      })
      .$returningId();
    if (!created) throw new Error('insert returned no id');
    return { id: created.id, email: input.email, name: input.name ?? defaultName(input.email) };
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('CONFLICT', `A user with email ${input.email} already exists; use "user reset-password" to change the password.`);
    throw error;
  }
}

export async function findUserByEmail(db: DbOrTx, address: string) {
  const [row] = await db.select().from(users).where(eq(users.email, address.trim().toLowerCase())).limit(1);
  return row;
}

export async function getUser(db: DbOrTx, userId: number): Promise<UserDto | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row && !row.disabledAt ? toDto(row) : undefined;
}

/**
 * The user a session belongs to, or undefined when the session no longer counts: the account is
 * disabled or gone, its password was reset (or it was disabled) after the session began, or the
 * session began more than `maxAgeMs` ago — sessions renew while used, so this caps their total age.
 */
export async function getSessionUser(db: DbOrTx, session: { userId: number; authAt: number | undefined }, maxAgeMs: number, now = Date.now()): Promise<UserDto | undefined> {
  const { authAt } = session;
  if (authAt === undefined || !Number.isFinite(authAt) || now - authAt > maxAgeMs) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, session.userId)).limit(1);
  if (!row || row.disabledAt) return undefined;
  if (row.credentialsChangedAt && row.credentialsChangedAt.getTime() > authAt) return undefined;
  return toDto(row);
}

export async function resetPassword(db: DbOrTx, address: string, newPassword: string): Promise<void> {
  const parsed = password.parse(newPassword);
  const user = await findUserByEmail(db, address);
  if (!user) throw new AppError('NOT_FOUND', `No user with email ${address}; create it with "user create".`);
  // Ends every session that began with the old password.
  await db.update(users).set({ passwordHash: await hashPassword(parsed), credentialsChangedAt: new Date() }).where(eq(users.id, user.id));
}

/** Disabling an account ends its sessions and stops its API tokens at once (both check it on every request). */
export async function setUserDisabled(db: DbOrTx, address: string, disabled: boolean): Promise<void> {
  const user = await findUserByEmail(db, address);
  if (!user) throw new AppError('NOT_FOUND', `No user with email ${address}.`);
  // Disabling also ends the sessions for good: enabling the account again does not revive them.
  const now = new Date();
  await db.update(users).set(disabled ? { disabledAt: now, credentialsChangedAt: now } : { disabledAt: null }).where(eq(users.id, user.id));
}

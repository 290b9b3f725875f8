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

const defaultName = (address: string) => address.split('@')[0] ?? address;

const toDto = (row: typeof users.$inferSelect): UserDto => ({ id: row.id, email: row.email, name: row.name });

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

export async function resetPassword(db: DbOrTx, address: string, newPassword: string): Promise<void> {
  const parsed = password.parse(newPassword);
  const user = await findUserByEmail(db, address);
  if (!user) throw new AppError('NOT_FOUND', `No user with email ${address}; create it with "user create".`);
  await db.update(users).set({ passwordHash: await hashPassword(parsed) }).where(eq(users.id, user.id));
}

/** SSO sign-in: find the user by the provider's verified email, or create one without a password. */
export async function upsertSsoUser(db: DbOrTx, address: string, name: string | null | undefined): Promise<UserDto> {
  const existing = await findUserByEmail(db, address);
  if (!existing) return createUser(db, { email: address, name: name ?? undefined });
  if (existing.disabledAt) throw new AppError('FORBIDDEN', 'This account is disabled; ask an administrator to enable it.');
  // An account made when an admin added the email still carries the placeholder name.
  const providerName = name?.trim().slice(0, 200);
  if (providerName && existing.name === defaultName(existing.email) && providerName !== existing.name) {
    await db.update(users).set({ name: providerName }).where(eq(users.id, existing.id));
    return toDto({ ...existing, name: providerName });
  }
  return toDto(existing);
}

/** Disabling an account ends its sessions and stops its API tokens at once (both check it on every request). */
export async function setUserDisabled(db: DbOrTx, address: string, disabled: boolean): Promise<void> {
  const user = await findUserByEmail(db, address);
  if (!user) throw new AppError('NOT_FOUND', `No user with email ${address}.`);
  await db.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, user.id));
}

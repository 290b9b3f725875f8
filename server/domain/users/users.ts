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
  siteAdmin: z.boolean().default(false),
});

export const userOutput = z.object({ id: z.number(), email: z.string(), name: z.string(), siteAdmin: z.boolean() });
export type UserDto = z.infer<typeof userOutput>;

const toDto = (row: typeof users.$inferSelect): UserDto => ({ id: row.id, email: row.email, name: row.name, siteAdmin: row.siteAdmin });

export async function createUser(db: DbOrTx, raw: z.input<typeof createUserInput>): Promise<UserDto> {
  const input = createUserInput.parse(raw);
  try {
    const [created] = await db
      .insert(users)
      .values({
        email: input.email,
        name: input.name ?? input.email.split('@')[0] ?? input.email,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        siteAdmin: input.siteAdmin,
      })
      .$returningId();
    if (!created) throw new Error('insert returned no id');
    return { id: created.id, email: input.email, name: input.name ?? input.email.split('@')[0] ?? input.email, siteAdmin: input.siteAdmin };
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
  if (existing) {
    if (existing.disabledAt) throw new AppError('FORBIDDEN', 'This account is disabled.');
    return toDto(existing);
  }
  return createUser(db, { email: address, name: name ?? undefined });
}

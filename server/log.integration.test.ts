import { describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { users } from '../db/schema/users.ts';
import { makeUser } from '../test/fixtures.ts';
import { loggableError } from './log.ts';

describe('logged database errors', () => {
  it('name the statement and the error code, never the bound values', async () => {
    const user = await makeUser('logged');
    const error = await db()
      .insert(users)
      .values({ email: user.email, name: 'secret-name-7f3a', passwordHash: 'secret-hash-9c1d' })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const logged = JSON.stringify(loggableError(error as Error));
    expect(logged).toContain('insert into `users`');
    expect(logged).toContain('ER_DUP_ENTRY');
    for (const value of [user.email, 'secret-name-7f3a', 'secret-hash-9c1d']) expect(logged).not.toContain(value);
  });
});

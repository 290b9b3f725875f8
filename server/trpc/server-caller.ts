import { randomUUID } from 'node:crypto';
import { db } from '../../db/client.ts';
import { ssoEnabled } from '../auth/options.ts';
import type { UserDto } from '../domain/users/users.ts';
import { createCaller } from './root.ts';

/** Server components call procedures through the same builders (and checks) as the API. */
export function callerFor(user: UserDto) {
  return createCaller({
    db: db(),
    actor: { type: 'user', userId: user.id, label: user.email },
    requestId: randomUUID(),
    ssoEnabled: ssoEnabled(),
  });
}

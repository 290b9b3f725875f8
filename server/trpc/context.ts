import { getServerSession } from 'next-auth';
import { db } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { authOptions, ssoEnabled } from '../auth/options.ts';
import { authenticateToken } from '../domain/tokens/tokens.ts';
import { userOfSession } from '../auth/session-user.ts';
import { requestIdFrom } from '../http/request-id.ts';
import type { Context } from './init.ts';

/** The actor behind a request: an API token when one is sent, otherwise the session cookie. */
export async function actorFor(req: Request): Promise<Actor | null> {
  const header = req.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // A bad or revoked token is anonymous; it never falls back to the cookie.
    return match?.[1] ? authenticateToken(db(), match[1]) : null;
  }
  // No cookie, no session: answered without asking next-auth (which needs Next's request scope).
  if (!req.headers.get('cookie')) return null;
  const user = await userOfSession(await getServerSession(authOptions()));
  return user ? { type: 'user', userId: user.id, label: user.email } : null;
}

export async function createContext(req: Request): Promise<Context> {
  return {
    db: db(),
    actor: await actorFor(req),
    requestId: requestIdFrom(req.headers),
    ssoEnabled: ssoEnabled(),
  };
}

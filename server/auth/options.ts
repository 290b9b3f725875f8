import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '../../db/client.ts';
import { findUserByEmail, upsertSsoUser } from '../domain/users/users.ts';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from '../domain/users/throttle.ts';
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { decoyHash, verifyPassword } from './password.ts';

export const OIDC_PROVIDER_ID = 'oidc';

async function authorizeCredentials(rawEmail: unknown, rawPassword: unknown) {
  if (typeof rawEmail !== 'string' || typeof rawPassword !== 'string' || !rawEmail || !rawPassword) return null;
  const email = rawEmail.trim().toLowerCase();
  // Throws SignInBlockedError; next-auth hands its message to the sign-in form.
  await assertSignInAllowed(db(), email);
  const user = await findUserByEmail(db(), email);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), rawPassword);
  if (!user || !user.passwordHash || !ok || user.disabledAt) {
    await recordSignInFailure(db(), email, env().SIGN_IN_MAX_FAILURES);
    logger.warn('sign-in failed', { email });
    return null;
  }
  await clearSignInFailures(db(), email);
  return { id: String(user.id), email: user.email, name: user.name };
}

function oidcProvider(): NextAuthOptions['providers'] {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      // The ID token is verified and names the person; email and name come from the userinfo
      // endpoint, since a conforming provider leaves scope claims out of the ID token when it also
      // issues an access token (OIDC Core 5.4).
      idToken: true,
      userinfo: {
        // `tokens` is openid-client's TokenSet at run time (next-auth types it as plain fields); passed
        // whole, openid-client checks that userinfo's `sub` is the ID token's (OIDC Core 5.3.2).
        request: ({ client, tokens }) => client.userinfo(tokens as Parameters<typeof client.userinfo>[0]),
      },
      checks: ['pkce', 'state'],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    },
  ];
}

/** The OIDC `email_verified` claim; a few providers send it as a string. */
function emailVerified(profile: object | undefined): boolean {
  const claim = profile && 'email_verified' in profile ? profile.email_verified : undefined;
  return claim === true || claim === 'true';
}

export function ssoEnabled(): boolean {
  return oidcProvider().length > 0;
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials) => authorizeCredentials(credentials?.email, credentials?.password),
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!user.email) return '/sign-in?error=NoEmail';
        // Accounts are matched by email, so an address the provider has not verified could sign in
        // as whoever owns it here.
        if (!emailVerified(profile)) {
          logger.warn('sso sign-in refused: email not verified by the provider', { email: user.email });
          return '/sign-in?error=EmailNotVerified';
        }
        const local = await upsertSsoUser(db(), user.email, user.name);
        // From here on the session carries our user id, not the provider's subject.
        user.id = String(local.id);
        return true;
      },
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
  return cached;
}

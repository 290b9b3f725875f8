import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '../../db/client.ts';
import { signInWithSso } from '../domain/users/sso.ts';
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { clientAddress } from './client-address.ts';
import { signInWithPassword, type PasswordSignIn } from './credentials.ts';

export const OIDC_PROVIDER_ID = 'oidc';

/**
 * next-auth shows whatever an authorize() throws on the sign-in page, so nothing escapes here but
 * the codes lib/sign-in.ts describes: unexpected errors (the database down, a bug) are logged and
 * become SignInUnavailable.
 */
async function authorizeCredentials(rawEmail: unknown, rawPassword: unknown, headers: Record<string, string | string[] | undefined> | undefined) {
  let result: PasswordSignIn;
  try {
    const e = env();
    result = await signInWithPassword(
      db(),
      { email: rawEmail, password: rawPassword, clientAddress: clientAddress(headers ?? {}, e.TRUSTED_PROXY_HOPS) },
      { perEmail: e.SIGN_IN_MAX_FAILURES, perAddress: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS },
    );
  } catch (error) {
    logger.error('sign-in failed unexpectedly', { error });
    throw new Error('SignInUnavailable', { cause: error });
  }
  if (result.ok) return { id: String(result.user.id), email: result.user.email, name: result.user.name };
  if (result.code === 'CredentialsSignin') return null;
  throw new Error(result.code);
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
        authorize: (credentials, req) => authorizeCredentials(credentials?.email, credentials?.password, req.headers),
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
        try {
          const result = await signInWithSso(db(), {
            issuer: (env().OIDC_ISSUER ?? '').replace(/\/$/, ''),
            subject: account.providerAccountId,
            email: user.email,
            name: user.name,
          });
          if (!result.ok) {
            logger.warn('sso sign-in refused', { email: user.email, reason: result.code });
            return `/sign-in?error=${result.code}`;
          }
          // From here on the session carries our user id, not the provider's subject.
          user.id = String(result.user.id);
          return true;
        } catch (error) {
          logger.error('sso sign-in failed unexpectedly', { error });
          return '/sign-in?error=SignInUnavailable';
        }
      },
      jwt({ token, user }) {
        // When the session began: server/auth/session.ts refuses sessions older than
        // SESSION_MAX_AGE_DAYS or than the account's last password reset.
        if (user) {
          token.sub = user.id;
          token.authAt = Date.now();
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        if (typeof token.authAt === 'number') session.authAt = token.authAt;
        return session;
      },
    },
  };
  return cached;
}

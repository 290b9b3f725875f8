import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type Configuration } from 'oidc-provider';
import { oidcClient, oidcIssuer, oidcPort, ssoPerson, ssoPortalURL } from './servers.ts';

// A real OpenID Connect provider for the SSO journey (e2e/sso.spec.ts): panva's certified
// oidc-provider with its own development login and consent pages. Playwright starts it as a web
// server: `node e2e/oidc-provider.ts`. Plain http on 127.0.0.1 only.
//
// The login page accepts any name and password, and the name becomes the person: login `pat`
// signs in as pat@sso.example.com with a verified email; a name starting with `unverified-` gets
// `email_verified: false` (ssoPerson in e2e/servers.ts). Each test picks its own person by what it types.

function configuration(): Configuration {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: oidcClient.id,
        client_secret: oidcClient.secret,
        redirect_uris: [`${ssoPortalURL}/api/auth/callback/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // Which claims each scope releases; by default only `sub` is.
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, accountId) => ({
      accountId,
      claims: () => {
        const person = ssoPerson(accountId);
        return { sub: accountId, email: person.email, email_verified: person.emailVerified, name: person.name };
      },
    }),
    // next-auth sends an S256 code challenge; insist on it, as a careful IdP would.
    pkce: { required: () => true },
    jwks: { keys: [{ ...signingKey, kid: 'e2e', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: { devInteractions: { enabled: true } },
  };
}

const provider = new Provider(oidcIssuer, configuration());
const server = provider.listen(oidcPort, '127.0.0.1', () => console.log(`oidc-provider: ${oidcIssuer}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));

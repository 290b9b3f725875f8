// The servers the e2e suite runs (playwright.config.ts starts them), all on 127.0.0.1.
// E2E_PORT_BASE moves all of them, so two checkouts can run their suites side by side.
const base = Number(process.env.E2E_PORT_BASE ?? 3100);

/** The portal as most specs see it: password sign-in only. */
export const portalPort = base;
export const portalURL = `http://127.0.0.1:${portalPort}`;

/** A second instance of the same e2e build with single sign-on configured against the provider below. */
export const ssoPortalPort = base + 1;
export const ssoPortalURL = `http://127.0.0.1:${ssoPortalPort}`;
export const ssoName = 'Test SSO';

/** A real OpenID Connect provider (e2e/oidc-provider.ts) and the portal's client there. */
export const oidcPort = base + 2;
export const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
export const oidcClient = { id: 'drucker-e2e', secret: 'drucker-e2e-client-secret' } as const;

/** The provider turns the login typed on its sign-in page into this person. */
export const ssoPerson = (login: string) => ({
  email: `${login}@sso.example.com`,
  name: `SSO ${login}`,
  emailVerified: !login.startsWith('unverified-'),
});

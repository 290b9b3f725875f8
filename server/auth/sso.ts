import { env } from '../env.ts';
import { OIDC_PROVIDER_ID, ssoEnabled } from './options.ts';

/** What the sign-in page needs to offer single sign-on: the provider id and its display name, or null. */
export function ssoSignInInfo(): { providerId: string; name: string } | null {
  return ssoEnabled() ? { providerId: OIDC_PROVIDER_ID, name: env().OIDC_NAME } : null;
}

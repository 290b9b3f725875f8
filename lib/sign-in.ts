import { z } from 'zod';

// Shared by the sign-in page, its form and the server's sign-in code. Sign-in failures travel as
// codes (in the `error` query parameter or next-auth's result), and only the codes below are
// ever shown as their messages: anything else — an attacker's `?error=<text>`, an exception's
// message — is shown as the generic one.

/** The longest email Drucker stores (RFC 5321's 320 characters); longer ones are refused before any lookup. */
export const MAX_EMAIL_LENGTH = 320;
export const MAX_PASSWORD_LENGTH = 200;

export const signInFormSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(MAX_EMAIL_LENGTH, `An email has at most ${MAX_EMAIL_LENGTH} characters.`),
  password: z.string().min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH, `A password has at most ${MAX_PASSWORD_LENGTH} characters.`),
});

const messages: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  SignInUnavailable: 'Sign-in is not available right now. Try again in a minute; if it keeps failing, tell your administrator.',
  OAuthSignin: 'Could not start single sign-on. Try again, or sign in with your email and password.',
  OAuthCallback: 'Single sign-on did not complete. Try again.',
  OAuthAccountNotLinked: 'This email is already used by another sign-in method.',
  NoEmail: 'Your single sign-on account has no email address, so Drucker cannot match it to a user.',
  EmailNotVerified:
    'Your single sign-on provider has not verified the email address of your account, so Drucker cannot match it to a user. Verify it there, then try again.',
  EmailNotAscii:
    'Your single sign-on email address has letters outside plain ASCII (accents, full-width letters), which Drucker does not accept. Ask your administrator.',
  SsoIdentityMismatch:
    'This email belongs to a Drucker account that is linked to a different single sign-on identity. Ask your administrator.',
  AccountDisabled: 'This account is disabled; ask an administrator to enable it.',
  AccessDenied: 'Access was denied.',
  SessionRequired: 'Sign in to see that page.',
  Callback: 'Sign-in did not complete. Try again.',
  Default: 'Sign-in failed. Try again.',
};

/** Codes for a paused sign-in carry the seconds left: `SignInPaused-30` (this email) or `AddressPaused-30` (this client). */
export const pausedCode = (scope: 'email' | 'address', seconds: number) => `${scope === 'email' ? 'SignInPaused' : 'AddressPaused'}-${seconds}`;

/** The message for a sign-in error code; unknown codes get the generic message, never their own text. */
export function describeSignInError(code: string | undefined | null): string {
  if (!code) return messages.Default!;
  const paused = /^(SignInPaused|AddressPaused)-(\d{1,5})$/.exec(code);
  if (paused) {
    const who = paused[1] === 'SignInPaused' ? 'for this email' : 'from your network address';
    return `Too many failed sign-ins ${who}. Wait ${paused[2]} seconds, then try again.`;
  }
  return Object.hasOwn(messages, code) ? messages[code]! : messages.Default!;
}

/**
 * Where to go after signing in: a path on this site, or '/'. Only paths that start with exactly
 * one '/' pass — `//evil.host`, `/\evil.host` (browsers read a backslash as a slash) and anything
 * else that resolves to another origin would make the form navigate off the portal.
 */
export function safeCallbackPath(raw: string | undefined | null): string {
  if (!raw || raw.length > 2048 || !raw.startsWith('/') || raw.startsWith('//')) return '/';
  // Backslashes become slashes and tabs/newlines vanish when a browser parses a URL ("/\t/evil").
  if ([...raw].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  const base = 'http://drucker.invalid';
  if (!URL.canParse(raw, base)) return '/';
  const url = new URL(raw, base);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse to a leading '//' ("/.//evil"), a protocol-relative URL once more.
  return url.origin === base && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

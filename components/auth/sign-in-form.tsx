'use client';

import { CircleAlert, KeyRound } from 'lucide-react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Input } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';

// next-auth reports failures as codes; a thrown error in authorize (the sign-in throttle) arrives
// as its own message, which is already written for people and is shown as it is.
const messages: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  OAuthSignin: 'Could not start single sign-on. Try again, or sign in with your email and password.',
  OAuthCallback: 'Single sign-on did not complete. Try again.',
  OAuthAccountNotLinked: 'This email is already used by another sign-in method.',
  NoEmail: 'Your single sign-on account has no email address, so Drucker cannot match it to a user.',
  EmailNotVerified:
    'Your single sign-on provider has not verified the email address of your account, so Drucker cannot match it to a user. Verify it there, then try again.',
  AccessDenied: 'Access was denied.',
  SessionRequired: 'Sign in to see that page.',
  Callback: 'Sign-in did not complete. Try again.',
  Default: 'Sign-in failed. Try again.',
};

const describe = (code: string) => messages[code] ?? (/^[A-Z][A-Za-z]+$/.test(code) ? messages.Default : code);

/** Only paths on this site are followed after sign-in, so the link cannot send people elsewhere. */
function safeCallback(raw: string): string {
  try {
    const url = new URL(raw, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

export function SignInForm({ callbackUrl, initialError, sso }: { callbackUrl: string; initialError?: string; sso: { providerId: string; name: string } | null }) {
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(initialError ? describe(initialError) : undefined);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn('credentials', { redirect: false, email, password });
      if (!result || result.error) {
        setError(describe(result?.error ?? 'Default'));
        return;
      }
      router.replace(safeCallback(callbackUrl));
      router.refresh();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <Card className="p-6 shadow-md">
      <form onSubmit={submit} className="space-y-4" aria-label="Sign in">
        {error ? (
          <div role="alert" className="flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            <CircleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            <span>{error}</span>
          </div>
        ) : null}
        <Field label="Email" htmlFor="email">
          <Input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" className="w-full justify-center" loading={pending}>
          Sign in
        </Button>
      </form>
      {sso ? (
        <>
          <div className="my-5 flex items-center gap-3 text-xs text-slate-400">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button
            variant="secondary"
            className="w-full justify-center"
            onClick={() => void signIn(sso.providerId, { callbackUrl: safeCallback(callbackUrl) })}
          >
            <KeyRound className="h-4 w-4" aria-hidden />
            Sign in with {sso.name}
          </Button>
        </>
      ) : null}
    </Card>
  );
}

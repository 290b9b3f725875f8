'use client';

import { CircleAlert, KeyRound } from 'lucide-react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Input } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { describeSignInError, MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, safeCallbackPath, signInFormSchema } from '../../lib/sign-in.ts';

/** `initialError` is already a message (the page describes the code it was given); `callbackUrl` a safe path. */
export function SignInForm({ callbackUrl, initialError, sso }: { callbackUrl: string; initialError?: string; sso: { providerId: string; name: string } | null }) {
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(initialError);
  // Checked again here: the page is not the only way to render this form with a callback.
  const next = safeCallbackPath(callbackUrl);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = signInFormSchema.safeParse({ email, password });
    if (!form.success) {
      setError(form.error.issues[0]?.message);
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn('credentials', { redirect: false, email: form.data.email, password: form.data.password });
      if (!result || result.error) {
        setError(describeSignInError(result?.error ?? 'Default'));
        return;
      }
      router.replace(next);
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
          <Input id="email" type="email" autoComplete="username" required maxLength={MAX_EMAIL_LENGTH} value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input id="password" type="password" autoComplete="current-password" required maxLength={MAX_PASSWORD_LENGTH} value={password} onChange={(e) => setPassword(e.target.value)} />
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
            onClick={() => void signIn(sso.providerId, { callbackUrl: next })}
          >
            <KeyRound className="h-4 w-4" aria-hidden />
            Sign in with {sso.name}
          </Button>
        </>
      ) : null}
    </Card>
  );
}

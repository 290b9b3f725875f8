import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '../../components/auth/sign-in-form.tsx';
import { LogoMark } from '../../components/shell/logo.tsx';
import { describeSignInError, safeCallbackPath } from '../../lib/sign-in.ts';
import { currentUser } from '../../server/auth/session.ts';
import { ssoSignInInfo } from '../../server/auth/sso.ts';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  // Only a session that still counts leaves this page: a disabled account's or an expired one's
  // cookie would otherwise bounce between here and the page that sent it here.
  if (await currentUser()) redirect(callbackUrl);
  const error = first(params.error);
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-white to-slate-100 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="h-11 w-11" />
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Sign in to Drucker</h1>
          <p className="mt-1 text-sm text-slate-500">Model services on Kubernetes, for your team.</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} initialError={error ? describeSignInError(error) : undefined} sso={ssoSignInInfo()} />
      </div>
    </div>
  );
}

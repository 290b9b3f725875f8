import Link from 'next/link';
import { focusRing } from '../ui/button.tsx';
import { cn } from '../../lib/cn.ts';

/** The mark: three stacked layers (a service, its model, its rollout history). */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn('h-7 w-7', className)} aria-hidden>
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path d="M8 11.5 16 7l8 4.5-8 4.5-8-4.5Z" fill="#fff" />
      <path d="m8 16 8 4.5 8-4.5" fill="none" stroke="#fff" strokeOpacity=".75" strokeWidth="2" strokeLinejoin="round" />
      <path d="m8 20.5 8 4.5 8-4.5" fill="none" stroke="#fff" strokeOpacity=".5" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}

export function Logo() {
  return (
    <Link href="/" className={cn('flex items-center gap-2 rounded-md', focusRing)} aria-label="Drucker home">
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight text-slate-900">Drucker</span>
    </Link>
  );
}

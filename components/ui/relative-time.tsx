'use client';

import { useEffect, useState } from 'react';
import { formatFull, formatRelative } from '../../lib/time.ts';

/** "3 min ago", with the full local time in the title; updates itself every 30 seconds. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  // Server and browser clocks and time zones differ by a little; the browser's rendering wins.
  return (
    <time dateTime={iso} title={formatFull(iso)} className={className} suppressHydrationWarning>
      {formatRelative(iso, now)}
    </time>
  );
}

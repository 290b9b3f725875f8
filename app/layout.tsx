import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from './providers.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Drucker', template: '%s · Drucker' },
  description: 'Run machine-learning model services on Kubernetes',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts need that request's CSP nonce (proxy.ts), which a
  // page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}

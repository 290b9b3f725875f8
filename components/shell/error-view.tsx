'use client';

import { TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import { useEffect } from 'react';
import { Button } from '../ui/button.tsx';
import { ProblemPanel } from './problem-panel.tsx';

/** The body of error.tsx boundaries. In production the message is hidden; the digest finds it in the log. */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <ProblemPanel
      icon={TriangleAlert}
      title="Something went wrong"
      actions={
        <>
          <Button onClick={reset}>Try again</Button>
          <Button variant="secondary" asChild>
            <Link href="/">Back to projects</Link>
          </Button>
        </>
      }
    >
      <p>This page could not be shown. Trying again often helps; if it keeps failing, tell whoever runs Drucker.</p>
      {error.digest ? (
        <p className="mt-3 text-xs text-slate-400">
          Reference <code className="font-mono">{error.digest}</code>
        </p>
      ) : null}
    </ProblemPanel>
  );
}

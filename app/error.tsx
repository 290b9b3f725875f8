'use client';

import { ErrorView } from '../components/shell/error-view.tsx';

export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="px-4">
      <ErrorView {...props} />
    </div>
  );
}

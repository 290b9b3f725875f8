'use client';

import { ErrorView } from '../../../components/shell/error-view.tsx';

// Inside the project frame, so the navigation stays usable when one page fails.
export default function ProjectError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} />;
}

import { CalendarClock, Split } from 'lucide-react';
import Link from 'next/link';
import { buttonClasses } from '../ui/button.tsx';

/** The application's other pages: scheduled promotions and weighted traffic. */
export function ApplicationLinks({ projectId, applicationId }: { projectId: number; applicationId: number }) {
  const base = `/projects/${projectId}/applications/${applicationId}`;
  return (
    <nav aria-label="Application pages" className="mt-4 flex flex-wrap gap-2">
      <Link href={`${base}/promotions`} className={buttonClasses('secondary', 'sm')}>
        <CalendarClock className="h-4 w-4" aria-hidden />
        Promotions
      </Link>
      <Link href={`${base}/traffic`} className={buttonClasses('secondary', 'sm')}>
        <Split className="h-4 w-4" aria-hidden />
        Traffic
      </Link>
    </nav>
  );
}

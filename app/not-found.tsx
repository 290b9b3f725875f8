import { Compass } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Logo } from '../components/shell/logo.tsx';
import { ProblemPanel } from '../components/shell/problem-panel.tsx';
import { Button } from '../components/ui/button.tsx';

export const metadata: Metadata = { title: 'Not found' };

export default function NotFound() {
  return (
    <div className="min-h-screen px-4">
      <div className="mx-auto flex h-14 max-w-7xl items-center md:px-2">
        <Logo />
      </div>
      <ProblemPanel
        icon={Compass}
        title="Nothing here"
        actions={
          <Button asChild>
            <Link href="/">Back to your projects</Link>
          </Button>
        }
      >
        <p>
          This page does not exist, or it belongs to a project you are not a member of. If you should have access, ask
          an admin of that project to add you.
        </p>
      </ProblemPanel>
    </div>
  );
}

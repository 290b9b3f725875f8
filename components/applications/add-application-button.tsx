'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button.tsx';
import { ApplicationDialog } from './application-dialog.tsx';

export function AddApplicationButton({ projectId }: { projectId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="h-4 w-4" aria-hidden />
        Add application
      </Button>
      <ApplicationDialog projectId={projectId} open={open} onOpenChange={setOpen} />
    </>
  );
}

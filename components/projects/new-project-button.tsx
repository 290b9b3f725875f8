'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button.tsx';
import { NewProjectDialog } from './new-project-dialog.tsx';

export function NewProjectButton({ variant = 'primary' }: { variant?: 'primary' | 'secondary' }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        <Plus className="h-4 w-4" aria-hidden />
        New project
      </Button>
      <NewProjectDialog open={open} onOpenChange={setOpen} />
    </>
  );
}

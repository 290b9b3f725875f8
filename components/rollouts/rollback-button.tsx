'use client';

import { useQuery } from '@tanstack/react-query';
import { Undo2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button.tsx';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '../ui/dialog.tsx';
import { RollbackDialog } from './rollback-dialog.tsx';
import { currentRollout } from './rollout-timeline.tsx';
import { useTRPC } from '../../lib/trpc.ts';

/**
 * "Roll back" on an application page's card: to the newest revision that succeeded before the
 * current one, after the same diff-first confirmation as on the service page. The history is read
 * only when the button is pressed.
 */
export function RollbackButton({ serviceId, serviceName, disabled }: { serviceId: number; serviceName: string; disabled?: boolean }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const history = useQuery({ ...trpc.rollout.list.queryOptions({ serviceId, limit: 50 }), enabled: open });
  const rollouts = history.data ?? [];
  const current = currentRollout(rollouts);
  const target = current ? rollouts.find((r) => r.id < current.id && r.status === 'succeeded' && r.kind !== 'delete') : undefined;
  return (
    <>
      <Button variant="secondary" size="sm" disabled={disabled} loading={open && history.isPending} onClick={() => setOpen(true)} aria-label={`Roll back ${serviceName}`}>
        <Undo2 className="h-4 w-4" aria-hidden />
        Roll back
      </Button>
      {open && history.data && target ? (
        <RollbackDialog key={target.id} serviceId={serviceId} target={target} current={current} open onOpenChange={setOpen} />
      ) : null}
      {open && history.data && !target ? (
        <Dialog open onOpenChange={setOpen}>
          <DialogContent title="Nothing to roll back to" description={`${serviceName} has no earlier revision that succeeded. Its history is on the service page.`}>
            <DialogFooter className="mt-0">
              <DialogClose asChild>
                <Button variant="secondary">Close</Button>
              </DialogClose>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      ) : null}
    </>
  );
}

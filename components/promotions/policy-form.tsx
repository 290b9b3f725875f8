'use client';

import { useMutation } from '@tanstack/react-query';
import { CalendarClock } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { Card, CardHeader } from '../ui/card.tsx';
import { Checkbox } from '../ui/checkbox.tsx';
import { Input } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

export type ServiceChoice = { id: number; displayName: string; level: string };

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** An admin's form for a new policy: source and target, a cron schedule in a zone, and the gates. */
export function PolicyForm({ applicationId, services, onCreated }: { applicationId: number; services: ServiceChoice[]; onCreated: () => void }) {
  const trpc = useTRPC();
  const byLevel = (level: string) => services.find((s) => s.level === level)?.id;
  const [name, setName] = useState('staging to production');
  const [source, setSource] = useState(String(byLevel('staging') ?? services[0]?.id ?? ''));
  const [target, setTarget] = useState(String(byLevel('production') ?? services[1]?.id ?? ''));
  const [schedule, setSchedule] = useState('0 9 * * 1-5');
  const [timeZone, setTimeZone] = useState(browserZone);
  const [soak, setSoak] = useState('60');
  const [approvals, setApprovals] = useState('0');
  const [healthy, setHealthy] = useState(true);
  const create = useMutation(
    trpc.promotion.create.mutationOptions({
      onSuccess: () => {
        toast.success(`Policy ${name} created`);
        onCreated();
      },
    }),
  );
  const options = services.map((s) => ({ value: String(s.id), label: `${s.displayName} (${s.level})` }));
  const err = (field: string) => fieldError(create.error, field);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      applicationId,
      name: name.trim(),
      sourceServiceId: Number(source),
      targetServiceId: Number(target),
      schedule: schedule.trim(),
      timeZone: timeZone.trim(),
      minMinutesRunning: Number(soak),
      requiredApprovals: Number(approvals),
      requireHealthy: healthy,
    });
  }

  return (
    <Card>
      <CardHeader title="New promotion policy" description="On each scheduled time, the model the source has run long enough and healthily goes to the target." />
      <form onSubmit={submit} className="grid gap-4 px-5 py-4 sm:grid-cols-2" aria-label="New promotion policy">
        <Field label="Name" htmlFor="policy-name" error={err('name')}>
          <Input id="policy-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Source" htmlFor="policy-source" error={err('sourceServiceId')}>
            <Select id="policy-source" value={source} onChange={setSource} options={options} />
          </Field>
          <Field label="Target" htmlFor="policy-target" error={err('targetServiceId')}>
            <Select id="policy-target" value={target} onChange={setTarget} options={options} />
          </Field>
        </div>
        <Field label="Schedule (cron)" htmlFor="policy-schedule" hint="minute hour day month weekday, e.g. 0 9 * * 1-5" error={err('schedule')}>
          <Input id="policy-schedule" value={schedule} onChange={(e) => setSchedule(e.target.value)} className="font-mono" required />
        </Field>
        <Field label="Time zone" htmlFor="policy-zone" hint="An IANA zone, e.g. Europe/Berlin" error={err('timeZone')}>
          <Input id="policy-zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required />
        </Field>
        <Field label="Soak (minutes on the source)" htmlFor="policy-soak" error={err('minMinutesRunning')}>
          <Input id="policy-soak" type="number" min={0} value={soak} onChange={(e) => setSoak(e.target.value)} />
        </Field>
        <Field label="Approvals needed" htmlFor="policy-approvals" hint="Distinct people with the approver right; 0 for none" error={err('requiredApprovals')}>
          <Input id="policy-approvals" type="number" min={0} max={10} value={approvals} onChange={(e) => setApprovals(e.target.value)} />
        </Field>
        <Checkbox label="Only from a healthy source" hint="Its last rollout succeeded and no pod restarted during the soak" checked={healthy} onChange={(e) => setHealthy(e.target.checked)} />
        <div className="flex items-end justify-end">
          <Button type="submit" loading={create.isPending} disabled={!source || !target}>
            <CalendarClock className="h-4 w-4" aria-hidden />
            Create policy
          </Button>
        </div>
        {create.error && !err('name') && !err('schedule') && !err('timeZone') ? (
          <p role="alert" className="text-sm text-red-600 sm:col-span-2">
            {errorMessage(create.error)}
          </p>
        ) : null}
      </form>
    </Card>
  );
}

'use client';

import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../ui/button.tsx';
import { Input } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';

export type AuditFilterValues = { actor: string; action: string; target: string; from: string; to: string };
export const noFilters: AuditFilterValues = { actor: '', action: '', target: '', from: '', to: '' };

/** The kit's Field, compact enough for five filters in a row. */
function FilterField({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <Field label={label} htmlFor={htmlFor} className="gap-1" labelClassName="text-xs">
      {children}
    </Field>
  );
}

export function AuditFilters({
  values,
  onChange,
  actions,
}: {
  values: AuditFilterValues;
  onChange: (values: AuditFilterValues) => void;
  actions: string[];
}) {
  const set = (key: keyof AuditFilterValues) => (value: string) => onChange({ ...values, [key]: value });
  const active = Object.values(values).some(Boolean);
  return (
    <div className="grid gap-3 border-b border-slate-100 px-5 py-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_auto_auto_auto] lg:items-end" role="search" aria-label="Filter audit events">
      <FilterField label="Actor" htmlFor="audit-actor">
        <Input id="audit-actor" placeholder="email or token" value={values.actor} onChange={(e) => set('actor')(e.target.value)} />
      </FilterField>
      <FilterField label="Action" htmlFor="audit-action">
        <Select id="audit-action" value={values.action} onChange={set('action')} allLabel="All actions" options={actions.map((a) => ({ value: a, label: a }))} />
      </FilterField>
      <FilterField label="Target" htmlFor="audit-target">
        <Input id="audit-target" placeholder="name or id" value={values.target} onChange={(e) => set('target')(e.target.value)} />
      </FilterField>
      <FilterField label="From" htmlFor="audit-from">
        <Input id="audit-from" type="datetime-local" value={values.from} onChange={(e) => set('from')(e.target.value)} className="lg:w-48" />
      </FilterField>
      <FilterField label="To" htmlFor="audit-to">
        <Input id="audit-to" type="datetime-local" value={values.to} onChange={(e) => set('to')(e.target.value)} className="lg:w-48" />
      </FilterField>
      <Button variant="ghost" onClick={() => onChange(noFilters)} disabled={!active} className="justify-self-start">
        <X className="h-4 w-4" aria-hidden />
        Clear
      </Button>
    </div>
  );
}

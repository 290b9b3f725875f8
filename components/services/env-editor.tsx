'use client';

import { Plus, X } from 'lucide-react';
import { Button } from '../ui/button.tsx';
import { Input } from '../ui/input.tsx';

type Variable = { name: string; value: string };

/** The service's own environment variables, one row each (Drucker's DRUCKER_* variables are set for it). */
export function EnvEditor({ value, onChange, error }: { value: Variable[]; onChange: (next: Variable[]) => void; error?: string }) {
  const set = (index: number, change: Partial<Variable>) => onChange(value.map((v, i) => (i === index ? { ...v, ...change } : v)));
  return (
    <div className="space-y-2">
      {value.length === 0 ? <p className="text-xs text-slate-500">None. Drucker sets the DRUCKER_* runtime variables itself.</p> : null}
      {value.map((variable, index) => (
        <div key={index} className="flex items-center gap-2">
          <Input
            aria-label={`Variable ${index + 1} name`}
            placeholder="NAME"
            className="font-mono text-xs"
            value={variable.name}
            onChange={(e) => set(index, { name: e.target.value })}
          />
          <Input aria-label={`Variable ${index + 1} value`} placeholder="value" className="font-mono text-xs" value={variable.value} onChange={(e) => set(index, { value: e.target.value })} />
          <Button variant="ghost" size="icon" aria-label={`Remove variable ${index + 1}`} onClick={() => onChange(value.filter((_, i) => i !== index))}>
            <X className="h-4 w-4" aria-hidden />
          </Button>
        </div>
      ))}
      {error ? (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
      <Button variant="secondary" size="sm" onClick={() => onChange([...value, { name: '', value: '' }])}>
        <Plus className="h-4 w-4" aria-hidden />
        Add variable
      </Button>
    </div>
  );
}

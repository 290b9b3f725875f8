'use client';

import { Select } from './select.tsx';

export type SecretAction = 'keep' | 'replace' | 'remove';

/** Edit only, for a secret that is set: keep it (the default), type a new one, or remove it. */
export function SecretChoice({ id, value, onChange, what }: { id: string; value: SecretAction; onChange: (v: SecretAction) => void; what: string }) {
  return (
    <Select
      id={id}
      aria-label={`${what}: keep, replace or remove`}
      value={value}
      onChange={(v) => onChange(v as SecretAction)}
      options={[
        { value: 'keep', label: `Keep the saved ${what}` },
        { value: 'replace', label: `Replace the ${what}` },
        { value: 'remove', label: `Remove the ${what}` },
      ]}
    />
  );
}

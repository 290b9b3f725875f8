import type { InputHTMLAttributes, ReactNode } from 'react';
import { Input } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';

/** A labelled text input whose error (from the API's validation issues) replaces its hint; className styles the input. */
export function FieldInput({
  id,
  label,
  hint,
  error,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: ReactNode; hint?: ReactNode; error?: string }) {
  const errorId = `${id}-error`;
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error} errorId={errorId}>
      <Input id={id} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} className={className} {...props} />
    </Field>
  );
}

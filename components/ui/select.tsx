'use client';

import * as SelectPrimitive from '@radix-ui/react-select';
import { Check, ChevronDown } from 'lucide-react';
import { cn } from '../../lib/cn.ts';

export type SelectOption = { value: string; label: string; description?: string };

/**
 * A single-choice menu. Radix Select cannot hold an empty value, so "nothing chosen" is passed as
 * `allLabel` and reported to onChange as ''.
 */
export function Select({
  id,
  value,
  onChange,
  options,
  placeholder,
  allLabel,
  disabled,
  className,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
  placeholder?: string;
  allLabel?: string;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
}) {
  const ALL = '__all__';
  return (
    <SelectPrimitive.Root value={value === '' && allLabel ? ALL : value} onValueChange={(v) => onChange(v === ALL ? '' : v)} disabled={disabled}>
      <SelectPrimitive.Trigger
        id={id}
        aria-label={ariaLabel}
        className={cn(
          'flex h-9 w-full items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm',
          'focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none data-[placeholder]:text-slate-400',
          'disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500',
          className,
        )}
      >
        <SelectPrimitive.Value placeholder={placeholder} />
        <SelectPrimitive.Icon>
          <ChevronDown className="h-4 w-4 text-slate-400" aria-hidden />
        </SelectPrimitive.Icon>
      </SelectPrimitive.Trigger>
      <SelectPrimitive.Portal>
        <SelectPrimitive.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg"
        >
          <SelectPrimitive.Viewport className="p-1">
            {allLabel ? <SelectItem value={ALL} label={allLabel} /> : null}
            {options.map((o) => (
              <SelectItem key={o.value} value={o.value} label={o.label} description={o.description} />
            ))}
          </SelectPrimitive.Viewport>
        </SelectPrimitive.Content>
      </SelectPrimitive.Portal>
    </SelectPrimitive.Root>
  );
}

function SelectItem({ value, label, description }: { value: string; label: string; description?: string }) {
  return (
    <SelectPrimitive.Item
      value={value}
      className="relative flex cursor-default items-start rounded-md py-1.5 pr-2 pl-7 text-sm text-slate-800 outline-none select-none data-[highlighted]:bg-slate-100"
    >
      <SelectPrimitive.ItemIndicator className="absolute top-2 left-2">
        <Check className="h-3.5 w-3.5 text-brand-600" aria-hidden />
      </SelectPrimitive.ItemIndicator>
      <div>
        <SelectPrimitive.ItemText>{label}</SelectPrimitive.ItemText>
        {description ? <div className="text-xs text-slate-500">{description}</div> : null}
      </div>
    </SelectPrimitive.Item>
  );
}

import type { StatusCause } from '../errors.ts';

// Field errors in the apiserver's shape: a machine reason, the field path, and the message its
// field.Error renders ("Invalid value: 70000: must be between 1 and 65535, inclusive"). Values are
// printed as Go prints them: strings quoted, numbers and booleans bare, maps as Go literals.

export type Causes = StatusCause[];

function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) {
    const entries = Object.entries(v as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}

export const fieldError = {
  invalid: (field: string, value: unknown, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${goValue(value)}: ${detail}` }),
  required: (field: string, detail = ''): StatusCause => ({ reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' }),
  duplicate: (field: string, value: unknown): StatusCause => ({ reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${goValue(value)}` }),
  notFound: (field: string, value: unknown): StatusCause => ({ reason: 'FieldValueNotFound', field, message: `Not found: ${goValue(value)}` }),
  notSupported: (field: string, value: unknown, supported: readonly string[]): StatusCause => ({
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  }),
  forbidden: (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` }),
  tooLong: (field: string, max: number): StatusCause => ({ reason: 'FieldValueTooLong', field, message: `Too long: may not be more than ${max} bytes` }),
};

/** A field value as text for enum checks (objects never match an enum). */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map((x) => (isRecord(x) ? x : {})) : [];
}

export const RANGE_1_65535 = 'must be between 1 and 65535, inclusive';

/** A port number in 1–65535 (0 or absent is "Required value", as for containerPort). */
export function portCauses(field: string, value: unknown, required = true): Causes {
  if (value === undefined || value === null || value === 0) return required ? [fieldError.required(field)] : [];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) return [fieldError.invalid(field, value, RANGE_1_65535)];
  return [];
}

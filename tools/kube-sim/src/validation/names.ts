import { fieldError, type Causes } from './field-errors.ts';

// The apiserver's name rules for label keys and values, annotation keys and port names, with its
// messages.

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const QUALIFIED_FMT = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** Problems with a qualified name (`[prefix/]name`), as IsQualifiedName words them. */
export function qualifiedNameProblems(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const out: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (!prefix) out.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) out.push('prefix part must be no more than 253 characters');
      if (!SUBDOMAIN.test(prefix)) out.push(`prefix part ${SUBDOMAIN_MSG}`);
    }
  } else if (parts.length > 2) {
    return [`a qualified name ${QUALIFIED_FMT} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (!name) out.push('name part must be non-empty');
  else {
    if (name.length > 63) out.push('name part must be no more than 63 characters');
    if (!QUALIFIED_NAME.test(name)) out.push(`name part ${QUALIFIED_FMT}`);
  }
  return out;
}

export function labelsCauses(field: string, labels: unknown): Causes {
  if (typeof labels !== 'object' || labels === null) return [];
  const causes: Causes = [];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const p of qualifiedNameProblems(k)) causes.push(fieldError.invalid(field, k, p));
    const value = typeof v === 'string' ? v : String(v);
    if (value.length > 63) causes.push(fieldError.invalid(field, value, 'must be no more than 63 characters'));
    if (!LABEL_VALUE.test(value)) causes.push(fieldError.invalid(field, value, LABEL_VALUE_MSG));
  }
  return causes;
}

const ANNOTATIONS_MAX_BYTES = 256 * 1024;

export function annotationsCauses(field: string, annotations: unknown): Causes {
  if (typeof annotations !== 'object' || annotations === null) return [];
  const causes: Causes = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
    for (const p of qualifiedNameProblems(k.toLowerCase())) causes.push(fieldError.invalid(field, k, p));
    size += Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : String(v));
  }
  if (size > ANNOTATIONS_MAX_BYTES) causes.push(fieldError.tooLong(field, ANNOTATIONS_MAX_BYTES));
  return causes;
}

/** IANA service names as port names: IsValidPortName's messages. */
export function portNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

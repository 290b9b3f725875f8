import { badRequest } from './errors.ts';

// Label selectors as the apiserver parses them from `?labelSelector=`: equality (=, ==, !=) and
// set-based (in, notin, exists, !key) requirements, ANDed.
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type LabelSelector = Requirement[];

export function parseLabelSelector(text: string | undefined): LabelSelector {
  if (!text || !text.trim()) return [];
  const out: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const s = part.trim();
    if (!s) continue;
    let m = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(s);
    if (m) {
      const values = (m[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
      out.push({ key: m[1] ?? '', op: m[2] === 'in' ? 'in' : 'notin', values });
      continue;
    }
    m = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)$/.exec(s);
    if (m) {
      out.push({ key: m[1] ?? '', op: m[2] === '!=' ? 'notin' : 'in', values: [m[3] ?? ''] });
      continue;
    }
    m = /^(!?)\s*([^\s!=()]+)$/.exec(s);
    if (m) {
      out.push({ key: m[2] ?? '', op: m[1] ? '!exists' : 'exists' });
      continue;
    }
    throw badRequest(`unable to parse requirement: ${s}`);
  }
  return out;
}

/** Splits on commas outside parentheses (`a in (x,y),b` is two requirements). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const req of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    const v = l[req.key];
    switch (req.op) {
      case 'exists': if (!has) return false; break;
      case '!exists': if (has) return false; break;
      case 'in': if (!has || v === undefined || !req.values.includes(v)) return false; break;
      case 'notin': if (has && v !== undefined && req.values.includes(v)) return false; break;
    }
  }
  return true;
}

export type FieldSelector = { field: string; op: '=' | '!='; value: string }[];

// The fields every resource supports, plus the per-type ones clients rely on: kubectl describe
// finds an object's events by involvedObject.*, and pods are often listed by node or phase.
// Anything else is a 400 as on a real server.
const FIELDS = new Set([
  'metadata.name',
  'metadata.namespace',
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'status.phase',
  'status.podIP',
]);

export function parseFieldSelector(text: string | undefined): FieldSelector {
  if (!text || !text.trim()) return [];
  return text.split(',').map((part) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m || !FIELDS.has(m[1] ?? '')) throw badRequest(`field label not supported: ${m?.[1] ?? part}`);
    return { field: m[1] ?? '', op: m[2] === '!=' ? '!=' : '=', value: m[3] ?? '' };
  });
}

function fieldValue(obj: { metadata: { name: string; namespace?: string } }, field: string): string {
  // An Event's `source` field selector means source.component.
  const path = field === 'source' ? ['source', 'component'] : field.split('.');
  let v: unknown = obj;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

export function matchesFields(selector: FieldSelector, obj: { metadata: { name: string; namespace?: string } }): boolean {
  for (const req of selector) {
    if ((fieldValue(obj, req.field) === req.value) !== (req.op === '=')) return false;
  }
  return true;
}

import type { KObject } from '../store.ts';
import { since } from './duration.ts';

// Cell formatting shared by the printers, each matching the apiserver's rendering of the field.

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** CONTAINERS and IMAGES of a pod template, comma-joined. */
export function containerCells(containers: unknown): [string, string] {
  const cs = list(containers).map(rec);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

/**
 * A LabelSelector as a selector string (`app=web,tier in (a,b),!legacy`), requirements sorted by
 * key. Deployments print an empty selector as "", ReplicaSets as "<none>": two apiserver helpers.
 */
export function formatSelector(selector: unknown, empty: string): string {
  const sel = rec(selector);
  const reqs: [string, string][] = Object.entries(rec(sel.matchLabels)).map(([k, v]) => [k, `${k}=${str(v)}`]);
  for (const e of list(sel.matchExpressions).map(rec)) {
    const key = str(e.key);
    const values = list(e.values).map(str).sort().join(',');
    const op = str(e.operator);
    if (op === 'In') reqs.push([key, `${key} in (${values})`]);
    else if (op === 'NotIn') reqs.push([key, `${key} notin (${values})`]);
    else if (op === 'Exists') reqs.push([key, key]);
    else if (op === 'DoesNotExist') reqs.push([key, `!${key}`]);
  }
  reqs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return reqs.length ? reqs.map(([, r]) => r).join(',') : empty;
}

type Target = { averageUtilization?: number; averageValue?: string; value?: string };
type Source = { name?: string; target?: Target; current?: Target };

// One metric as `kubectl get hpa` shows it: "cpu: 45%/80%", "<unknown>" until a value is observed.
function metricCell(spec: Rec, status: Rec | undefined): string {
  const type = str(spec.type);
  const key = type === 'ContainerResource' ? 'containerResource' : type.charAt(0).toLowerCase() + type.slice(1);
  const s = rec(spec[key]) as Source;
  const current = rec(status?.[key]).current as Target | undefined;
  const target = s.target ?? {};
  switch (type) {
    case 'Resource':
    case 'ContainerResource': {
      if (target.averageValue !== undefined) return `${s.name ?? ''}: ${current?.averageValue ?? '<unknown>'}/${target.averageValue}`;
      const now = current?.averageUtilization === undefined ? '<unknown>' : `${current.averageUtilization}%`;
      const want = target.averageUtilization === undefined ? '<auto>' : `${target.averageUtilization}%`;
      return `${s.name ?? ''}: ${now}/${want}`;
    }
    case 'Pods':
      return `${current?.averageValue ?? '<unknown>'}/${target.averageValue ?? ''}`;
    case 'Object':
    case 'External':
      if (target.averageValue !== undefined) return `${current?.averageValue ?? '<unknown>'}/${target.averageValue} (avg)`;
      return `${current?.value ?? '<unknown>'}/${target.value ?? ''}`;
    default:
      return '<unknown type>';
  }
}

export function hpaCells(o: KObject, now: Date): unknown[] {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const ref = rec(spec.scaleTargetRef);
  const specs = list(spec.metrics).map(rec);
  const statuses = list(status.currentMetrics).map(rec);
  const max = 2;
  const shown = specs.slice(0, max).map((m, i) => metricCell(m, statuses[i]));
  const targets = specs.length === 0 ? '<none>' : specs.length > max ? `${shown.join(', ')} + ${specs.length - max} more...` : shown.join(', ');
  const min = typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>';
  const int = (v: unknown): number => (typeof v === 'number' ? v : 0);
  return [o.metadata.name, `${str(ref.kind)}/${str(ref.name)}`, targets, min, int(spec.maxReplicas), int(status.currentReplicas), since(o.metadata.creationTimestamp, now)];
}

export function eventCells(o: KObject, now: Date): unknown[] {
  const first = o.firstTimestamp ? since(o.firstTimestamp, now) : since(o.eventTime, now);
  const series = o.series ? rec(o.series) : undefined;
  const last = series ? since(series.lastObservedTime, now) : o.lastTimestamp ? since(o.lastTimestamp, now) : first;
  const count = series ? series.count : typeof o.count === 'number' && o.count > 0 ? o.count : 1;
  const involved = rec(o.involvedObject);
  const kind = str(involved.kind).toLowerCase();
  const object = involved.name ? `${kind}/${str(involved.name)}` : kind;
  const source = rec(o.source);
  const component = str(source.component) || str(o.reportingComponent);
  const host = str(source.host) || str(o.reportingInstance);
  return [last, str(o.type), str(o.reason), object, str(involved.fieldPath), host ? `${component}, ${host}` : component, str(o.message).trim(), first, count, o.metadata.name];
}

/** A CRD printer column's value: scalars as they are, lists and maps as JSON, missing as null. */
export function jsonPathCell(o: KObject, path: string[]): unknown {
  let v: unknown = o;
  for (const p of path) v = rec(v)[p];
  if (v === undefined || v === null) return null;
  return typeof v === 'object' ? JSON.stringify(v) : v;
}

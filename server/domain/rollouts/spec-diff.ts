// Provisional (lead's branch): replaced by the engine branch's spec-diff.ts at merge.
import type { ServiceSpec } from '../services/spec.ts';

export type SpecChange = { path: string; before: unknown; after: unknown };

export function specChanges(before: ServiceSpec, after: ServiceSpec): SpecChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: SpecChange[] = [];
  for (const key of [...keys].sort()) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path: key, before: a ?? null, after: b ?? null });
  }
  return changes;
}

import type { BadgeTone } from '../ui/badge.tsx';

export const levels = ['development', 'beta', 'staging', 'production'] as const;
export type Level = (typeof levels)[number];

export const levelLabels: Record<Level, string> = { development: 'Development', beta: 'Beta', staging: 'Staging', production: 'Production' };
export const levelTones: Record<Level, BadgeTone> = { development: 'neutral', beta: 'violet', staging: 'amber', production: 'green' };
export const levelOptions = levels.map((l) => ({ value: l, label: levelLabels[l] }));

type IssueCarrier = { data?: object | null } | null | undefined;

/**
 * The API's validation message for a field or anything under it (`spec.env` covers
 * `spec.env.0.name`), or undefined.
 */
export function issueAt(error: IssueCarrier, path: string): string | undefined {
  const data = error?.data;
  const issues = data && 'issues' in data ? data.issues : undefined;
  if (!Array.isArray(issues)) return undefined;
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.path === 'string' && (issue.path === path || issue.path.startsWith(`${path}.`))) return String(issue.message);
  }
  return undefined;
}

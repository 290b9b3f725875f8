/** An application's settings as audit before/after: everything but the key, which shows only as set or not. */
export function auditView(app: {
  name: string;
  description?: string | null;
  gitUrl?: string | null;
  gitBranch?: string | null;
  bootScript?: string | null;
  gitSshKeySet: boolean;
}): Record<string, unknown> {
  return {
    name: app.name,
    description: app.description ?? null,
    gitUrl: app.gitUrl ?? null,
    gitBranch: app.gitBranch ?? null,
    bootScript: app.bootScript ?? null,
    gitSshKey: app.gitSshKeySet ? 'set' : 'none',
  };
}

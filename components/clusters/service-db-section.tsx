'use client';

import { Checkbox } from '../ui/checkbox.tsx';
import { FormSection } from '../ui/form-section.tsx';
import { FieldInput } from './field-input.tsx';
import type { ClusterFormState } from './form-state.ts';
import { SecretChoice } from '../ui/secret-choice.tsx';

/** The Drucker runtime's MySQL database (DRUCKER_DB_MYSQL_*), optional as in the original. */
export function ServiceDbSection({
  state,
  update,
  err,
  passwordSet,
}: {
  state: ClusterFormState;
  update: (change: Partial<ClusterFormState>) => void;
  err: (path: string) => string | undefined;
  /** Edit only: a password is saved for this cluster's database. */
  passwordSet: boolean;
}) {
  const askPassword = !passwordSet || state.dbPasswordAction === 'replace';
  return (
    <FormSection title="Service database" description="Runtimes that read their model assignment from MySQL get these settings; the password reaches pods as a Secret.">
      <Checkbox label="Services on this cluster use a database" checked={state.serviceDb} onChange={(e) => update({ serviceDb: e.target.checked })} />
      {state.serviceDb ? (
        <>
          <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
            <FieldInput id="cluster-db-host" label="Host" value={state.dbHost} onChange={(e) => update({ dbHost: e.target.value })} placeholder="mysql.internal" error={err('serviceDb.host')} />
            <FieldInput id="cluster-db-port" label="Port" inputMode="numeric" value={state.dbPort} onChange={(e) => update({ dbPort: e.target.value })} error={err('serviceDb.port')} />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <FieldInput id="cluster-db-name" label="Database" value={state.dbName} onChange={(e) => update({ dbName: e.target.value })} placeholder="drucker" error={err('serviceDb.database')} />
            <FieldInput id="cluster-db-user" label="User" value={state.dbUser} onChange={(e) => update({ dbUser: e.target.value })} error={err('serviceDb.user')} />
          </div>
          {passwordSet ? <SecretChoice id="cluster-db-password-action" value={state.dbPasswordAction} onChange={(dbPasswordAction) => update({ dbPasswordAction })} what="password" /> : null}
          {askPassword ? (
            <FieldInput
              id="cluster-db-password"
              label="Password"
              type="password"
              autoComplete="new-password"
              value={state.dbPassword}
              onChange={(e) => update({ dbPassword: e.target.value })}
              hint="Optional. Stored encrypted; never shown again."
              error={err('serviceDb.password')}
            />
          ) : null}
        </>
      ) : null}
    </FormSection>
  );
}

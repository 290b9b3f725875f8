import type { EnvVar } from 'kubernetes-types/core/v1';
import type { RenderInput } from './input.ts';
import { DB_PASSWORD_KEY, dbSecretName } from './secrets.ts';

// The variables containers built for the Drucker runtime read, with the names and meanings the
// original dashboard gave them (DESIGN.md "Drucker runtime compatibility"). The service's own
// variables come after them; one of the same name replaces the runtime's (the person asked for it).

export function runtimeEnv(input: RenderInput): EnvVar[] {
  const { spec, cluster, application: app, service, model } = input;
  const env: EnvVar[] = [
    // The memo: changing it alone changes the pod template, which is what makes a restart roll.
    { name: 'DRUCKER_SERVICE_UPDATE_FLAG', value: spec.memo },
    { name: 'DRUCKER_TEST_MODE', value: 'False' },
    { name: 'DRUCKER_APPLICATION_NAME', value: app.name },
    { name: 'DRUCKER_SERVICE_LEVEL', value: service.level },
    { name: 'DRUCKER_SERVICE_NAME', value: service.k8sName },
    { name: 'DRUCKER_SERVICE_PORT', value: String(spec.port) },
    { name: 'DRUCKER_SERVICE_INFRA', value: 'kubernetes' },
    { name: 'DRUCKER_SERVICE_GIT_URL', value: app.gitUrl ?? '' },
    { name: 'DRUCKER_SERVICE_GIT_BRANCH', value: app.gitBranch ?? '' },
    { name: 'DRUCKER_SERVICE_BOOT_SHELL', value: app.bootScript ?? '' },
    { name: 'DRUCKER_SERVICE_MODEL_DIR', value: cluster.modelStorage.mountPath },
  ];
  if (model) env.push({ name: 'DRUCKER_SERVICE_MODEL_FILE', value: model.path });
  const db = cluster.serviceDb;
  if (db) {
    env.push(
      { name: 'DRUCKER_DB_MODE', value: 'mysql' },
      { name: 'DRUCKER_DB_MYSQL_HOST', value: db.host },
      { name: 'DRUCKER_DB_MYSQL_PORT', value: String(db.port) },
      { name: 'DRUCKER_DB_MYSQL_DBNAME', value: db.database },
      { name: 'DRUCKER_DB_MYSQL_USER', value: db.user },
      // Never in the Deployment in clear: from the service's Secret.
      { name: 'DRUCKER_DB_MYSQL_PASSWORD', valueFrom: { secretKeyRef: { name: dbSecretName(service.k8sName), key: DB_PASSWORD_KEY } } },
    );
  }
  // One entry per name (server-side apply keys env by name and refuses duplicates); the last wins.
  const own = new Map(spec.env.map((e) => [e.name, e.value]));
  return [...env.filter((e) => !own.has(e.name)), ...[...own].map(([name, value]) => ({ name, value }))];
}

import type { ManifestApplication, ManifestRollout, ManifestService } from './input.ts';

// Every object Drucker renders carries labels under drucker.io/ (so `cluster.sync` and people with
// kubectl can find them) and the original's `app: <app>`, which its dashboards and selectors used.

export const LABELS = {
  application: 'drucker.io/application',
  applicationId: 'drucker.io/application-id',
  level: 'drucker.io/level',
  serviceId: 'drucker.io/service-id',
  service: 'drucker.io/service',
  managedBy: 'drucker.io/managed-by',
} as const;

export const ANNOTATIONS = {
  rolloutId: 'drucker.io/rollout-id',
  revision: 'drucker.io/revision',
  displayName: 'drucker.io/display-name',
} as const;

export const MANAGED_BY = 'drucker';

/** Selects every object Drucker manages (cluster.sync, clean-up). */
export const managedSelector = `${LABELS.managedBy}=${MANAGED_BY}`;

/** Labels of the level's shared objects (no service id). */
export function levelLabels(app: Pick<ManifestApplication, 'id' | 'name'>, level: string): Record<string, string> {
  return {
    app: app.name,
    [LABELS.application]: app.name,
    [LABELS.applicationId]: String(app.id),
    [LABELS.level]: level,
    [LABELS.managedBy]: MANAGED_BY,
  };
}

export function serviceLabels(app: ManifestApplication, service: ManifestService): Record<string, string> {
  return { ...levelLabels(app, service.level), [LABELS.serviceId]: String(service.id), [LABELS.service]: service.k8sName };
}

/** The Deployment's selector (immutable once created): the service id alone. */
export function serviceSelector(service: ManifestService): Record<string, string> {
  return { [LABELS.serviceId]: String(service.id) };
}

/** All ready pods of every service of one application at one level: the A/B test's shared traffic. */
export function levelSelector(app: ManifestApplication, level: string): Record<string, string> {
  return { [LABELS.applicationId]: String(app.id), [LABELS.level]: level };
}

export function rolloutAnnotations(rollout: ManifestRollout): Record<string, string> {
  return { [ANNOTATIONS.rolloutId]: String(rollout.id), [ANNOTATIONS.revision]: String(rollout.revision) };
}

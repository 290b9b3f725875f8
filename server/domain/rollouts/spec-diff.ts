import type { ServiceSpec } from '../services/spec.ts';

// What changed between two revisions of a service, field by field, for the history page and the
// rollback confirmation ("image example/iris:2 → example/iris:1, env THREADS removed").
// Environment variables compare by name, as Kubernetes merges them.

type ScalarField = Exclude<keyof ServiceSpec, 'env'>;
export type SpecFieldValue = string | number | null;

export type SpecChange = {
  /** `image`, `cpuRequest`, `env.THREADS`, `model`. */
  field: string;
  /** What a person reads: "Image", "CPU request", "Environment variable THREADS", "Model". */
  label: string;
  change: 'added' | 'removed' | 'changed';
  before?: SpecFieldValue;
  after?: SpecFieldValue;
};

/** One side of the comparison: a rollout's spec and model, or nothing (before the first revision). */
export type SpecSide = { spec: ServiceSpec; modelId: number | null } | null;

// A Record, so a new ServiceSpec field fails to compile until it has a label here.
const LABELS: Record<ScalarField, string> = {
  image: 'Image',
  port: 'Port',
  cpuRequest: 'CPU request',
  memoryRequest: 'Memory request',
  cpuLimit: 'CPU limit',
  memoryLimit: 'Memory limit',
  replicas: 'Replicas',
  minReplicas: 'Autoscaling minimum',
  maxReplicas: 'Autoscaling maximum',
  cpuThreshold: 'Autoscaling CPU threshold (%)',
  maxSurge: 'Max surge',
  maxUnavailable: 'Max unavailable',
  minReadySeconds: 'Wait seconds (minReadySeconds)',
  progressDeadlineSeconds: 'Progress deadline (s)',
  strategy: 'Update strategy',
  memo: 'Memo',
};

function compare(field: string, label: string, before: SpecFieldValue | undefined, after: SpecFieldValue | undefined): SpecChange | undefined {
  const had = before !== undefined && before !== null;
  const has = after !== undefined && after !== null;
  if (!had && !has) return undefined;
  if (!had) return { field, label, change: 'added', after };
  if (!has) return { field, label, change: 'removed', before };
  return before === after ? undefined : { field, label, change: 'changed', before, after };
}

export function diffSpecs(before: SpecSide, after: SpecSide): SpecChange[] {
  const changes: SpecChange[] = [];
  for (const [key, label] of Object.entries(LABELS) as [ScalarField, string][]) {
    const c = compare(key, label, before?.spec[key], after?.spec[key]);
    if (c) changes.push(c);
  }
  const envBefore = new Map((before?.spec.env ?? []).map((e) => [e.name, e.value]));
  const envAfter = new Map((after?.spec.env ?? []).map((e) => [e.name, e.value]));
  const names = [...new Set([...envBefore.keys(), ...envAfter.keys()])].sort();
  for (const name of names) {
    const c = compare(`env.${name}`, `Environment variable ${name}`, envBefore.get(name), envAfter.get(name));
    if (c) changes.push(c);
  }
  const model = compare('model', 'Model', before?.modelId, after?.modelId);
  if (model) changes.push(model);
  return changes;
}

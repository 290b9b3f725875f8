import type { RouterInputs, RouterOutputs } from '../../lib/trpc.ts';

// The service dialog edits text fields; these turn them into the API's spec (create) or spec patch
// (edit), leaving validation to the API so the rules live in one place (server/domain/services/spec.ts).

type Service = RouterOutputs['service']['get'];
type Spec = Service['spec'];
export type SpecInput = RouterInputs['service']['create']['spec'];
export type SpecPatch = NonNullable<RouterInputs['service']['update']['spec']>;

export type SpecForm = {
  image: string;
  port: string;
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
  replicas: string;
  autoscaling: boolean;
  minReplicas: string;
  maxReplicas: string;
  cpuThreshold: string;
  strategy: 'RollingUpdate' | 'Recreate';
  maxSurge: string;
  maxUnavailable: string;
  minReadySeconds: string;
  progressDeadlineSeconds: string;
  env: { name: string; value: string }[];
};

/** The defaults the API would fill in, shown so a person sees what they get. */
export const blankSpecForm: SpecForm = {
  image: '',
  port: '5000',
  cpuRequest: '500m',
  cpuLimit: '',
  memoryRequest: '512Mi',
  memoryLimit: '',
  replicas: '1',
  autoscaling: false,
  minReplicas: '1',
  maxReplicas: '3',
  cpuThreshold: '80',
  strategy: 'RollingUpdate',
  maxSurge: '25%',
  maxUnavailable: '25%',
  minReadySeconds: '0',
  progressDeadlineSeconds: '600',
  env: [],
};

const str = (v: string | number | undefined) => (v === undefined ? '' : String(v));

export function specToForm(spec: Spec): SpecForm {
  return {
    image: spec.image,
    port: str(spec.port),
    cpuRequest: spec.cpuRequest,
    cpuLimit: str(spec.cpuLimit),
    memoryRequest: spec.memoryRequest,
    memoryLimit: str(spec.memoryLimit),
    replicas: str(spec.replicas),
    autoscaling: spec.minReplicas !== undefined,
    minReplicas: str(spec.minReplicas ?? 1),
    maxReplicas: str(spec.maxReplicas ?? 3),
    cpuThreshold: str(spec.cpuThreshold ?? 80),
    strategy: spec.strategy,
    maxSurge: str(spec.maxSurge),
    maxUnavailable: str(spec.maxUnavailable),
    minReadySeconds: str(spec.minReadySeconds),
    progressDeadlineSeconds: str(spec.progressDeadlineSeconds),
    env: spec.env.map((e) => ({ ...e })),
  };
}

/** A whole number stays a number; anything else goes to the API as typed, to be refused with its field named. */
function num(v: string): number | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  return /^-?[0-9]+$/.test(t) ? Number(t) : (t as unknown as number);
}

/** maxSurge and maxUnavailable take a count (2) or a percentage ("25%"). */
function countOrPercent(v: string): number | string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  return /^[0-9]+$/.test(t) ? Number(t) : t;
}

const text = (v: string) => (v.trim() === '' ? undefined : v.trim());

function fields(form: SpecForm) {
  return {
    image: form.image.trim(),
    port: num(form.port),
    cpuRequest: text(form.cpuRequest),
    memoryRequest: text(form.memoryRequest),
    cpuLimit: text(form.cpuLimit),
    memoryLimit: text(form.memoryLimit),
    replicas: num(form.replicas),
    minReplicas: form.autoscaling ? num(form.minReplicas) : undefined,
    maxReplicas: form.autoscaling ? num(form.maxReplicas) : undefined,
    cpuThreshold: form.autoscaling ? num(form.cpuThreshold) : undefined,
    strategy: form.strategy,
    maxSurge: countOrPercent(form.maxSurge),
    maxUnavailable: countOrPercent(form.maxUnavailable),
    minReadySeconds: num(form.minReadySeconds),
    progressDeadlineSeconds: num(form.progressDeadlineSeconds),
    env: form.env.filter((e) => e.name.trim() !== '' || e.value !== '').map((e) => ({ name: e.name.trim(), value: e.value })),
  };
}

/** A new service's spec: empty fields are left out, so the API's defaults apply. */
export function formToSpec(form: SpecForm): SpecInput {
  const f = fields(form);
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as SpecInput;
}

/**
 * An edit's patch: every field as the form has it, and null for the optional settings the form
 * cleared (limits, autoscaling), which is how the API removes them. The memo is not the form's:
 * it changes through a restart.
 */
export function formToPatch(form: SpecForm): SpecPatch {
  const f = fields(form);
  return {
    ...f,
    cpuLimit: f.cpuLimit ?? null,
    memoryLimit: f.memoryLimit ?? null,
    minReplicas: f.minReplicas ?? null,
    maxReplicas: f.maxReplicas ?? null,
    cpuThreshold: f.cpuThreshold ?? null,
  };
}

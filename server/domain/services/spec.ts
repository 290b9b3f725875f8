import { z } from 'zod';
import { parseInput } from '../../errors.ts';
import { parseQuantity } from '../manifests/quantity.ts';

// A service's desired configuration. Every rollout stores the whole spec, so any revision can be
// diffed against another and rolled back to. Quantities are Kubernetes strings ("500m", "512Mi").

const cpu = z.string().trim().regex(/^([0-9]+m|[0-9]+(\.[0-9]{1,3})?)$/, 'CPU must look like 500m or 1.5 (at most 3 decimals)');
const memory = z.string().trim().regex(/^[0-9]+(Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'memory must look like 512Mi, 2Gi or 1G');
/** Both sides are valid quantities here (the field rules ran first). */
const exceeds = (request: string, limit: string) => (parseQuantity(request) ?? 0) > (parseQuantity(limit) ?? Infinity);
const percentOrCount = z.union([
  z.number().int().min(0),
  z
    .string()
    .regex(/^[0-9]{1,3}%$/, 'use a count or a percentage like 25%')
    .refine((v) => Number(v.slice(0, -1)) <= 100, 'a percentage cannot exceed 100%'),
]);

/** Variables Drucker sets for the Drucker runtime; a service's own env cannot override them. */
export const reservedEnvPrefix = 'DRUCKER_';

const envVar = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment variable names are letters, digits and _, not starting with a digit')
    .max(256)
    .refine((name) => !name.startsWith(reservedEnvPrefix), `names starting with ${reservedEnvPrefix} are set by Drucker for the runtime`),
  value: z.string().max(4096),
});

const fields = {
  image: z.string().trim().min(1, 'the image is required').max(500).regex(/^[^\s]*$/, 'the image must not contain spaces'),
  port: z.number().int('the port must be a whole number').min(1, 'the port must be between 1 and 65535').max(65535, 'the port must be between 1 and 65535'),
  cpuRequest: cpu,
  memoryRequest: memory,
  cpuLimit: cpu,
  memoryLimit: memory,
  replicas: z.number().int().min(0).max(500),
  minReplicas: z.number().int().min(1).max(500),
  maxReplicas: z.number().int().min(1).max(500),
  cpuThreshold: z.number().int().min(1).max(100),
  maxSurge: percentOrCount,
  maxUnavailable: percentOrCount,
  minReadySeconds: z.number().int().min(0).max(3600),
  progressDeadlineSeconds: z.number().int().min(30).max(7200),
  strategy: z.enum(['RollingUpdate', 'Recreate']),
  // The original Drucker's memo: DRUCKER_SERVICE_UPDATE_FLAG. Changing it alone rolls the pods.
  memo: z.string().max(200),
  env: z.array(envVar).max(100),
};

const isZero = (v: number | string) => v === 0 || v === '0%';

function checkWhole(spec: z.infer<typeof specObject>, ctx: z.RefinementCtx): void {
  if ((spec.minReplicas === undefined) !== (spec.maxReplicas === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: 'set minReplicas and maxReplicas together to enable autoscaling' });
  }
  if (spec.minReplicas !== undefined && spec.maxReplicas !== undefined && spec.minReplicas > spec.maxReplicas) {
    ctx.addIssue({ code: 'custom', path: ['minReplicas'], message: 'minReplicas must not exceed maxReplicas' });
  }
  if (spec.cpuThreshold !== undefined && spec.minReplicas === undefined) {
    ctx.addIssue({ code: 'custom', path: ['cpuThreshold'], message: 'a CPU threshold needs autoscaling: set minReplicas and maxReplicas too' });
  }
  if (spec.strategy === 'RollingUpdate' && isZero(spec.maxSurge) && isZero(spec.maxUnavailable)) {
    ctx.addIssue({ code: 'custom', path: ['maxUnavailable'], message: 'maxSurge and maxUnavailable cannot both be 0: the rollout could never progress' });
  }
  // A real API server refuses requests above limits (spec.containers[0].resources.requests).
  if (spec.cpuLimit !== undefined && exceeds(spec.cpuRequest, spec.cpuLimit)) {
    ctx.addIssue({ code: 'custom', path: ['cpuRequest'], message: `the CPU request ${spec.cpuRequest} exceeds the limit ${spec.cpuLimit}` });
  }
  if (spec.memoryLimit !== undefined && exceeds(spec.memoryRequest, spec.memoryLimit)) {
    ctx.addIssue({ code: 'custom', path: ['memoryRequest'], message: `the memory request ${spec.memoryRequest} exceeds the limit ${spec.memoryLimit}` });
  }
  const seen = new Set<string>();
  spec.env.forEach((variable, index) => {
    if (seen.has(variable.name)) ctx.addIssue({ code: 'custom', path: ['env', index, 'name'], message: `${variable.name} is set twice` });
    seen.add(variable.name);
  });
}

const specObject = z.object({
  image: fields.image,
  port: fields.port.default(5000),
  cpuRequest: fields.cpuRequest.default('500m'),
  memoryRequest: fields.memoryRequest.default('512Mi'),
  cpuLimit: fields.cpuLimit.optional(),
  memoryLimit: fields.memoryLimit.optional(),
  replicas: fields.replicas.default(1),
  minReplicas: fields.minReplicas.optional(),
  maxReplicas: fields.maxReplicas.optional(),
  cpuThreshold: fields.cpuThreshold.optional(),
  maxSurge: fields.maxSurge.default('25%'),
  maxUnavailable: fields.maxUnavailable.default('25%'),
  minReadySeconds: fields.minReadySeconds.default(0),
  progressDeadlineSeconds: fields.progressDeadlineSeconds.default(600),
  strategy: fields.strategy.default('RollingUpdate'),
  memo: fields.memo.default(''),
  env: fields.env.default([]),
});

export const serviceSpecSchema = specObject.strict().superRefine(checkWhole);

/**
 * A partial spec for updates: only the fields to change, without defaults (an omitted field keeps
 * the service's value). Optional settings are cleared with null (limits, autoscaling).
 */
export const serviceSpecPatchSchema = z
  .object({
    image: fields.image.optional(),
    port: fields.port.optional(),
    cpuRequest: fields.cpuRequest.optional(),
    memoryRequest: fields.memoryRequest.optional(),
    cpuLimit: fields.cpuLimit.nullable().optional(),
    memoryLimit: fields.memoryLimit.nullable().optional(),
    replicas: fields.replicas.optional(),
    minReplicas: fields.minReplicas.nullable().optional(),
    maxReplicas: fields.maxReplicas.nullable().optional(),
    cpuThreshold: fields.cpuThreshold.nullable().optional(),
    maxSurge: fields.maxSurge.optional(),
    maxUnavailable: fields.maxUnavailable.optional(),
    minReadySeconds: fields.minReadySeconds.optional(),
    progressDeadlineSeconds: fields.progressDeadlineSeconds.optional(),
    strategy: fields.strategy.optional(),
    memo: fields.memo.optional(),
    env: fields.env.optional(),
  })
  .strict();

export type ServiceSpec = z.infer<typeof serviceSpecSchema>;
export type ServiceSpecInput = z.input<typeof serviceSpecSchema>;
export type ServiceSpecPatch = z.infer<typeof serviceSpecPatchSchema>;

/** The spec after a patch, validated as a whole (a patch can break a rule only the whole can see). */
export function patchSpec(current: ServiceSpec, patch: ServiceSpecPatch): ServiceSpec {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return parseInput(serviceSpecSchema, merged);
}

/** Specs compare equal when they would render the same objects. */
export function sameSpec(a: ServiceSpec, b: ServiceSpec): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

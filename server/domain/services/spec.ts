import { z } from 'zod';

// Kubernetes quantity strings, as the Deployment takes them ("500m", "1", "512Mi", "2Gi").
const cpu = z.string().regex(/^([0-9]+m|[0-9]+(\.[0-9]+)?)$/, 'CPU must look like 500m or 1.5');
const memory = z.string().regex(/^[0-9]+(Ki|Mi|Gi|Ti|K|M|G|T)?$/, 'memory must look like 512Mi or 2Gi');
const percentOrCount = z.union([z.number().int().min(0), z.string().regex(/^[0-9]{1,3}%$/, 'use a count or a percentage like 25%')]);

export const serviceSpecSchema = z
  .object({
    image: z.string().min(1).max(500).regex(/^[^\s]+$/, 'the image must not contain spaces'),
    port: z.number().int().min(1).max(65535).default(5000),
    cpuRequest: cpu.default('500m'),
    memoryRequest: memory.default('512Mi'),
    cpuLimit: cpu.optional(),
    memoryLimit: memory.optional(),
    replicas: z.number().int().min(0).max(500).default(1),
    minReplicas: z.number().int().min(1).max(500).optional(),
    maxReplicas: z.number().int().min(1).max(500).optional(),
    cpuThreshold: z.number().int().min(1).max(100).optional(),
    maxSurge: percentOrCount.default('25%'),
    maxUnavailable: percentOrCount.default('25%'),
    minReadySeconds: z.number().int().min(0).max(3600).default(0),
    progressDeadlineSeconds: z.number().int().min(30).max(7200).default(600),
    strategy: z.enum(['RollingUpdate', 'Recreate']).default('RollingUpdate'),
    // The original Drucker's memo: DRUCKER_SERVICE_UPDATE_FLAG. Changing it alone rolls the pods.
    memo: z.string().max(200).default(''),
    env: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment variable names are letters, digits and _'), value: z.string().max(4096) }))
      .max(100)
      .default([]),
  })
  .superRefine((spec, ctx) => {
    if ((spec.minReplicas === undefined) !== (spec.maxReplicas === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: 'set minReplicas and maxReplicas together to enable autoscaling' });
    }
    if (spec.minReplicas !== undefined && spec.maxReplicas !== undefined && spec.minReplicas > spec.maxReplicas) {
      ctx.addIssue({ code: 'custom', path: ['minReplicas'], message: 'minReplicas must not exceed maxReplicas' });
    }
    if (spec.maxSurge === 0 && spec.maxUnavailable === 0) {
      ctx.addIssue({ code: 'custom', path: ['maxUnavailable'], message: 'maxSurge and maxUnavailable cannot both be 0: the rollout could never progress' });
    }
  });

export type ServiceSpec = z.infer<typeof serviceSpecSchema>;
export type ServiceSpecInput = z.input<typeof serviceSpecSchema>;

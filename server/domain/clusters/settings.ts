import { z } from 'zod';
import { grpcAnnotationPresets, trafficRouters } from '../../../db/schema/clusters.ts';
import { dnsLabel, dnsSubdomain, optionalText } from '../names.ts';
import { APPLICATION_NAME_MAX } from '../applications/fields.ts';
import { DEFAULT_NAMESPACE_TEMPLATE, namespaceTemplateProblem } from './namespace-template.ts';

// The settings a cluster is added with, each checked here so the CLI, tests and API share one set
// of rules. Secrets (kubeconfig, service DB password, S3 credentials) are never part of output.

export const POD_MODEL_DIR = '/mnt/drucker-model';
export const KUBECONFIG_MAX = 256 * 1024;

export const clusterName = dnsLabel('The cluster name', 63);

// Hosts are `<k8s name>.<dns name>` with a k8s name of up to 63 characters; a host has at most 253.
export const dnsName = dnsSubdomain('The DNS name', 189);

export const kubeconfigText = z
  .string()
  .min(1, 'paste or upload a kubeconfig')
  .max(KUBECONFIG_MAX, `a kubeconfig must be at most ${KUBECONFIG_MAX / 1024} KiB`);

export const contextName = z.string().trim().min(1).max(253);

const absolutePath = (what: string) =>
  z
    .string()
    .trim()
    .max(500)
    .regex(/^\/[^\0]*$/, `${what} must be an absolute path, like ${POD_MODEL_DIR}`)
    .refine((v) => !v.split('/').includes('..'), `${what} must not contain '..'`);

// Where the model-copy job writes on the worker's host: absolute, or relative to its directory.
const writeDir = z
  .string()
  .trim()
  .min(1, 'give the directory model files are written to')
  .max(500)
  .refine((v) => !v.split('/').includes('..') && !v.includes('\0'), "the directory must not contain '..'");

// S3 bucket names: 3–63 lowercase letters, digits, '.', '-'.
const bucket = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name is 3–63 lowercase letters, digits, dots and hyphens');

const writeSide = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fs'), dir: writeDir }),
  z.object({
    kind: z.literal('s3'),
    bucket,
    prefix: z
      .string()
      .trim()
      .max(500)
      .default('')
      .transform((v) => v.replace(/^\/+|\/+$/g, '')),
    endpoint: z
      .url({ protocol: /^https?$/, error: 'give the S3 endpoint as an http(s) URL' })
      .refine((v) => !/^[a-z]+:\/\/[^/]*@/i.test(v), 'put the access keys in modelStorageCredentials, not in the endpoint URL')
      .optional(),
    region: z.string().trim().min(1).max(64).optional(),
    forcePathStyle: z.boolean().optional(),
  }),
]);

const podsSide = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hostPath'), path: absolutePath('The hostPath') }),
  z.object({ kind: z.literal('pvc'), claimName: dnsSubdomain('The claim name', 253) }),
]);

/** Each side may be left out for its default (DESIGN.md "Models"). */
export const modelStorageInput = z.object({
  write: writeSide.optional(),
  pods: podsSide.optional(),
  mountPath: absolutePath('The pod model directory').optional(),
});

export const modelStorageOutput = z.object({
  write: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('fs'), dir: z.string() }),
    z.object({
      kind: z.literal('s3'),
      bucket: z.string(),
      prefix: z.string(),
      endpoint: z.string().optional(),
      region: z.string().optional(),
      forcePathStyle: z.boolean().optional(),
    }),
  ]),
  pods: z.discriminatedUnion('kind', [z.object({ kind: z.literal('hostPath'), path: z.string() }), z.object({ kind: z.literal('pvc'), claimName: z.string() })]),
  mountPath: z.string(),
});

export const s3Credentials = z.object({
  accessKeyId: z.string().trim().min(1, 'give the access key id').max(256),
  secretAccessKey: z.string().min(1, 'give the secret access key').max(256),
});

// The Drucker runtime's MySQL database (DRUCKER_DB_MYSQL_*).
const serviceDbFields = {
  host: z
    .string()
    .trim()
    .min(1, 'give the database host')
    .max(253)
    .regex(/^[A-Za-z0-9.:_-]+$/, 'give a host name or IP address, like mysql.internal'),
  port: z.number().int().min(1).max(65535).default(3306),
  database: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_$-]{1,64}$/, 'a database name is 1–64 letters, digits, _, $ or -'),
  user: z.string().trim().min(1, 'give the database user').max(80),
};
const dbPassword = z.string().min(1).max(256);

export const serviceDbCreateInput = z.object({ ...serviceDbFields, password: dbPassword.optional() });
/** In an update, an omitted password keeps the stored one and null clears it. */
export const serviceDbUpdateInput = z.object({ ...serviceDbFields, password: dbPassword.nullish() });

export const grpcPreset = z.enum(grpcAnnotationPresets);
export const trafficRouter = z.enum(trafficRouters);

// Checked here for the shortest project name; the cluster's domain checks again with its own.
export const namespaceTemplate = z
  .string()
  .trim()
  .min(1, 'give a namespace template, like {level}')
  .max(63, 'a namespace template must be at most 63 characters')
  .superRefine((v, ctx) => {
    const problem = namespaceTemplateProblem(v, 'p', 'a'.repeat(APPLICATION_NAME_MAX));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Settings shared by create and update, all optional; create fills in the defaults. */
export const clusterSettingsFields = {
  description: optionalText(2000),
  ingressClass: dnsSubdomain('The ingress class', 63).nullish(),
  grpcAnnotationPreset: grpcPreset.optional(),
  namespaceTemplate: namespaceTemplate.optional(),
  nodePinning: z.boolean().optional(),
  trafficRouter: trafficRouter.optional(),
  gatewayName: dnsSubdomain('The gateway name', 253).nullish(),
  gatewayNamespace: dnsLabel('The gateway namespace', 63).nullish(),
  modelStorage: modelStorageInput.optional(),
};

export const clusterDefaults = {
  grpcAnnotationPreset: 'nginx',
  namespaceTemplate: DEFAULT_NAMESPACE_TEMPLATE,
  nodePinning: false,
  trafficRouter: 'none',
} as const;

/** The demo's write side is a directory per cluster; pods see the original's hostPath. */
export function defaultModelStorage(name: string) {
  return {
    write: { kind: 'fs' as const, dir: `./data/clusters/${name}` },
    pods: { kind: 'hostPath' as const, path: POD_MODEL_DIR },
    mountPath: POD_MODEL_DIR,
  };
}

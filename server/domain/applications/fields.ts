import { z } from 'zod';
import { dnsLabel, id, optionalText } from '../names.ts';

// An application's name becomes part of Kubernetes names (`<app>-<level>-<id>`, at most 63) and of
// the level's host (`<app>-<level>.<dns name>`), so it is a DNS-1123 label of at most 40.
export const APPLICATION_NAME_MAX = 40;
export const applicationName = dnsLabel('The application name', APPLICATION_NAME_MAX);

// https://, ssh://, git:// and file:// URLs, or scp-like `git@host:org/repo.git`, as git clones them.
const gitUrl = optionalText(500).refine(
  (v) => v == null || /^((https?|ssh|git|file):\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/.test(v),
  'give a git URL git can clone, like https://github.com/org/repo.git or git@github.com:org/repo.git',
);

// A simplified git check-ref-format: no spaces, no '..', not starting or ending with '/' or '.'.
const gitBranch = optionalText(255).refine(
  (v) => v == null || (/^[A-Za-z0-9._/-]+$/.test(v) && !v.includes('..') && !/^[/.]|[/.]$|\.lock$|\/\//.test(v)),
  "give a branch name like main or release/1.2 (letters, digits, '.', '_', '-', '/')",
);

// The original's boot script: a file in the repository the runtime runs to start the server.
const bootScript = optionalText(255).refine(
  (v) => v == null || (/^[A-Za-z0-9._/-]+$/.test(v) && !v.split('/').includes('..') && !v.startsWith('/')),
  'give the path of a file in the repository, like start.sh or bin/serve.sh',
);

const SSH_KEY_MAX = 16_384;

/**
 * A private key in PEM or OpenSSH format. Line endings are normalised and a final newline added:
 * OpenSSH refuses a key file without one.
 */
export const gitSshKey = z
  .string()
  .max(SSH_KEY_MAX, `the SSH key must be at most ${SSH_KEY_MAX} characters`)
  .transform((v) => v.replace(/\r\n?/g, '\n').trim())
  .superRefine((v, ctx) => {
    if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-\S+) /.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'that is a public key; paste the private key (the file without .pub)' });
    } else if (!/^-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----\n[\s\S]+\n-----END ([A-Z0-9]+ )*PRIVATE KEY-----$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'paste a whole private key, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----' });
    }
  })
  .transform((v) => `${v}\n`);

const description = optionalText(2000);

export const createApplicationInput = z.object({
  projectId: id,
  name: applicationName,
  description,
  gitUrl,
  gitBranch,
  bootScript,
  gitSshKey: gitSshKey.optional(),
});

/** Omitted fields keep their value; null (or '') clears an optional one; gitSshKey: a key replaces it, null removes it. */
export const updateApplicationInput = z.object({
  applicationId: id,
  name: applicationName.optional(),
  description,
  gitUrl,
  gitBranch,
  bootScript,
  gitSshKey: gitSshKey.nullish(),
});

export const deleteApplicationInput = z.object({ applicationId: id });

export const serviceCountsOutput = z.object({ development: z.number(), beta: z.number(), staging: z.number(), production: z.number() });

/** What the API says about an application: never the SSH key, only whether one is set. */
export const applicationOutput = z.object({
  id: z.number(),
  projectId: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  gitUrl: z.string().nullable(),
  gitBranch: z.string().nullable(),
  bootScript: z.string().nullable(),
  gitSshKeySet: z.boolean(),
  /** Services that are not deleted, per level. */
  serviceCounts: serviceCountsOutput,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ApplicationDto = z.infer<typeof applicationOutput>;
export type CreateApplicationInput = z.input<typeof createApplicationInput>;
export type UpdateApplicationInput = z.input<typeof updateApplicationInput>;

import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The one place that reads process.env (STYLE.md). Everything is validated at once, so a bad
// deployment prints every problem in one go instead of failing on the first request that needs it.

const mysqlUrl = z
  .string()
  .url('must be a URL like mysql://user:password@host:3306/drucker')
  .refine((v) => v.startsWith('mysql://'), 'must start with mysql://');
const postgresUrl = z
  .string()
  .url('must be a URL like postgres://user@host:5432/drucker_jobs')
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres://');
const secretKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes in base64 (openssl rand -base64 32)');
function secureOrLoopback(url: string | undefined): boolean {
  if (!url || !URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || (protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname));
}
const optional = (s: z.ZodString) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: mysqlUrl,
    JOBS_DATABASE_URL: postgresUrl,
    NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)'),
    NEXTAUTH_URL: optional(z.string().url('must be the public URL of the portal, like http://localhost:3000')),
    DRUCKER_SECRET_KEY: secretKey,
    MODEL_STAGING_DIR: z.string().min(1).default('./data/models'),
    MODEL_MAX_UPLOAD_MB: z.coerce.number().int().positive().default(2048),
    S3_ENDPOINT: optional(z.string().url('must be the URL of an S3-compatible endpoint')),
    S3_BUCKET: optional(z.string().min(3)),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: optional(z.string()),
    S3_SECRET_ACCESS_KEY: optional(z.string()),
    OIDC_ISSUER: optional(z.string().url('must be the issuer URL of the OIDC provider')),
    OIDC_CLIENT_ID: optional(z.string()),
    OIDC_CLIENT_SECRET: optional(z.string()),
    OIDC_NAME: z.string().default('SSO'),
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    // Failed sign-ins from one client address (over any emails) before it is paused.
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
    // How many reverse proxies in front of the portal append to X-Forwarded-For. 0: the client is
    // whoever connected (any X-Forwarded-For the client sends is ignored).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // A session ends this long after its sign-in, however active it stays.
    SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    // Rollouts mostly wait on the cluster (a watch), so a worker runs many at once.
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    // How long past its progress deadline a rollout may take (retries, an unreachable cluster) before it fails.
    // A worker silent this long counts as dead, and the jobs it held are released for others.
    WORKER_DEAD_AFTER_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
    ROLLOUT_DEADLINE_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together' });
    }
    // The session cookie is marked Secure only when NEXTAUTH_URL is https. A loopback address is
    // the exception (`npm run demo`, the e2e suite): nothing on the network sees that traffic.
    if (env.NODE_ENV === 'production' && !secureOrLoopback(env.NEXTAUTH_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_URL'],
        message: env.NEXTAUTH_URL
          ? 'must be an https:// URL in production (session cookies are only marked Secure over https)'
          : 'must be set to the https:// URL of the portal in production',
      });
    }
    if (env.S3_BUCKET && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'S3 storage also needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY' });
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  readonly lines: string[];
  constructor(lines: string[]) {
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.name = 'EnvError';
    this.lines = lines;
  }
}

/** Validates a set of variables; one line per missing or bad one, naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const missing = source[name] === undefined || source[name] === '';
    return missing && issue.code === 'invalid_type'
      ? `${name}: missing (see .env.example)`
      : `${name}: ${issue.message}`;
  });
  throw new EnvError(lines);
}

let cached: Env | undefined;

/** The validated environment of this process. Loads ./.env first when run outside Next.js. */
export function env(): Env {
  if (cached) return cached;
  const file = path.resolve('.env');
  if (!process.env.NEXT_RUNTIME && existsSync(file)) process.loadEnvFile(file);
  cached = parseEnv(process.env);
  return cached;
}

/** For command-line entry points: print each bad variable on its own line and exit. */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error('drucker: the configuration is invalid:');
    for (const line of error.lines) console.error(`  ${line}`);
    process.exit(1);
  }
}

// A 2 GiB model upload through the upload route, beside a bare Node server that streams the
// request body to a file: throughput of each (best of two rounds) and the route's peak RSS
// growth. Both run as their own process behind node:http, the route with the Request conversion
// Next.js applies (test/upload-server.ts). Targets: ≥ 80 % of the bare server's throughput,
// ≤ 64 MiB RSS growth. Run: node bench/models-upload.bench.ts
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

const MiB = 1024 * 1024;
const SIZE = 2048 * MiB;
const ROUNDS = 2;
const database = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/drucker_bench_models',
  JOBS_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/drucker_bench_models_jobs',
};
const serverEnv = {
  ...database,
  NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  DRUCKER_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
  MODEL_MAX_UPLOAD_MB: '4096',
  LOG_LEVEL: 'error',
};
Object.assign(process.env, serverEnv);

const { migrateAll } = await import('../db/migrate.ts');
await migrateAll({ mysql: database.DATABASE_URL, postgres: database.JOBS_DATABASE_URL });
const { db, closeDb } = await import('../db/client.ts');
const { createUser } = await import('../server/domain/users/users.ts');
const { createProject } = await import('../server/domain/projects/projects.ts');
const { createApplication } = await import('../server/domain/applications/create.ts');
const { createToken } = await import('../server/domain/tokens/tokens.ts');
const { startUploadServer } = await import('../test/upload-server.ts');

const run = randomBytes(4).toString('hex');
const user = await createUser(db(), { email: `bench-${run}@example.com`, name: 'Bench', password: `bench-${run}-password` });
const actor = { type: 'user' as const, userId: user.id, label: user.email };
const { projectId } = await createProject(db(), actor, { name: `bench-${run}` });
const { applicationId } = await createApplication(db(), actor, { projectId, name: `bench-${run}` });
const { token } = await createToken(db(), actor, { projectId, name: 'bench', role: 'editor' });
await closeDb();

function send(url: string, headers: Record<string, string>): Promise<number> {
  const block = randomBytes(MiB);
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent >= SIZE) return this.push(null);
      sent += MiB;
      this.push(block);
    },
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(SIZE) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve((performance.now() - started) / 1000) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    body.pipe(req);
  });
}

const staging = await mkdtemp(path.join(tmpdir(), 'drucker-bench-upload-'));
const route = await startUploadServer({ ...serverEnv, MODEL_STAGING_DIR: staging });
const bare = await startUploadServer({ ...serverEnv, MODEL_STAGING_DIR: staging, UPLOAD_SERVER_BARE: '1' });
const best = { route: Number.POSITIVE_INFINITY, bare: Number.POSITIVE_INFINITY };
let growth = 0;
let bareGrowth = 0;
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const bareBefore = await bare.resetPeak();
    const bareSeconds = await send(`${bare.url}/upload`, {});
    bareGrowth = Math.max(bareGrowth, (await bare.peak()).peak - bareBefore);
    const before = await route.resetPeak();
    const routeSeconds = await send(`${route.url}/api/uploads/models?applicationId=${applicationId}&name=bench&version=${run}-${round}`, {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
    });
    growth = Math.max(growth, (await route.peak()).peak - before);
    best.route = Math.min(best.route, routeSeconds);
    best.bare = Math.min(best.bare, bareSeconds);
    console.log(`  round ${round}: route ${(SIZE / MiB / routeSeconds).toFixed(0)} MiB/s, bare ${(SIZE / MiB / bareSeconds).toFixed(0)} MiB/s`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
  }
} finally {
  await route.close();
  await bare.close();
  await rm(staging, { recursive: true, force: true });
}

const ratio = best.bare / best.route;
console.log(`2 GiB upload: route ${(SIZE / MiB / best.route).toFixed(0)} MiB/s, bare Node stream-to-file ${(SIZE / MiB / best.bare).toFixed(0)} MiB/s`);
console.log(`  route / bare throughput: ${(ratio * 100).toFixed(0)} % (target ≥ 80 %)`);
console.log(`  route peak RSS growth: ${(growth / MiB).toFixed(1)} MiB (target ≤ 64 MiB); bare server's: ${(bareGrowth / MiB).toFixed(1)} MiB`);
if (ratio < 0.8 || growth > 64 * MiB) process.exitCode = 1;

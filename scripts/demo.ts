// `npm run demo`: from a fresh clone to a running portal in one command. Installs what is missing,
// writes .env with fresh secrets, migrates, seeds the demo project and admin, then runs web, worker
// and the simulated cluster until Ctrl-C. Only Node built-ins are imported before `npm ci` has run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const port = Number(process.env.PORT ?? 3000);
const kubeSimPort = Number(process.env.KUBE_SIM_PORT ?? 6443);
const say = (line: string) => console.log(`\x1b[36mdemo\x1b[0m ${line}`);
const fail = (line: string): never => {
  console.error(`\x1b[31mdemo\x1b[0m ${line}`);
  process.exit(1);
};

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) for (const child of readdirSync(p)) visit(path.join(p, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  entries.forEach(visit);
  return newest;
}

// 1. Dependencies, when missing or older than the lock file.
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  say('installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// 2. Configuration: .env from .env.example with fresh secrets, once.
if (!existsSync('.env')) {
  const text = readFileSync('.env.example', 'utf8')
    .replace(/^NEXTAUTH_SECRET=$/m, `NEXTAUTH_SECRET=${randomBytes(32).toString('base64')}`)
    .replace(/^DRUCKER_SECRET_KEY=$/m, `DRUCKER_SECRET_KEY=${randomBytes(32).toString('base64')}`)
    .replace(/^NEXTAUTH_URL=.*$/m, `NEXTAUTH_URL=http://localhost:${port}`);
  writeFileSync('.env', text, { mode: 0o600 });
  say('wrote .env with fresh secrets (keep DRUCKER_SECRET_KEY: it unseals stored kubeconfigs)');
}

// 3. Databases: created if missing and migrated; an unreachable one is one clear line.
const { envOrExit } = await import('../server/env.ts');
const env = envOrExit();
const { migrateAll, DatabaseUnreachableError } = await import('../db/migrate.ts');
try {
  await migrateAll({ mysql: env.DATABASE_URL, postgres: env.JOBS_DATABASE_URL });
} catch (error) {
  if (error instanceof DatabaseUnreachableError) fail(error.message);
  throw error;
}
say('databases migrated');
const { db, closeDb } = await import('../db/client.ts');
const { seedDemo } = await import('../server/domain/demo/seed.ts');
const seed = await seedDemo(db(), { production: env.NODE_ENV === 'production' });
await closeDb();

// 4. The web build, when the sources changed since the last one.
const buildId = '.next/BUILD_ID';
const sources = ['app', 'components', 'lib', 'server', 'db', 'next.config.ts', 'package-lock.json'];
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestMtime(sources)) {
  say('building the web app (first run or sources changed)…');
  run('npx', ['next', 'build']);
}

// 5. Processes: the simulated cluster, the worker and the web server, stopped together.
mkdirSync('.kube-sim', { recursive: true });
const children: ChildProcess[] = [];
function start(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  // Each child gets its own process group: Ctrl-C reaches only this script, which sends every child
  // one SIGTERM. Sharing the terminal's group, the worker got SIGINT and then that SIGTERM, took the
  // second signal as "exit now" and dropped its running jobs instead of giving them 15 s.
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extraEnv }, detached: true });
  const prefix = `\x1b[90m${name.padEnd(8)}\x1b[0m`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) console.log(`${prefix} ${line}`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix} exited (${code ?? signal}); stopping the demo`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 20_000);
  const running = children.filter((child) => child.exitCode === null);
  void Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() => {
    clearTimeout(deadline);
    process.exit(code);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
// Detached children outlive a crash of this script unless it takes them down on its way out.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const kubeconfig = path.join(root, '.kube-sim', 'kubeconfig');
const kubeSimStarted = Date.now();
// Real-time speed: kube-sim stamps objects with its simulated clock, and the portal shows those times.
// Its objects are kept in a state file, so a restarted demo finds the services it deployed running.
start('kube-sim', process.execPath, ['tools/kube-sim/src/cli.ts', '--port', String(kubeSimPort), '--speed', '1', '--kubeconfig', kubeconfig, '--state-file', path.join('.kube-sim', 'state.json')]);
// kube-sim writes its kubeconfig once it listens; then it is registered as the demo's cluster,
// verified like any other (a new CA or token on this start replaces the stored kubeconfig).
for (let attempt = 0; attempt < 120 && !stopping; attempt++) {
  if (existsSync(kubeconfig) && statSync(kubeconfig).mtimeMs >= kubeSimStarted - 1000) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
let demoClusterId: number | undefined;
try {
  const { registerDemoCluster } = await import('../server/domain/demo/cluster.ts');
  const { clusterId, change } = await registerDemoCluster(db(), seed.projectId, readFileSync(kubeconfig, 'utf8'));
  demoClusterId = clusterId;
  say(`cluster kube-sim ${change === 'unchanged' ? 'already registered' : change === 'created' ? 'registered in project demo' : 'registered again with its new kubeconfig'}`);
} catch (error) {
  say(`could not register kube-sim as a cluster: ${error instanceof Error ? error.message : String(error)}`);
}
start('worker', process.execPath, ['workers/main.ts']);
// The sample application, deployed through the same path as a user's service.create: the worker
// carries out its rollouts. Only what is missing is created, so a restart finds the same services.
if (demoClusterId !== undefined) {
  try {
    const { seedDemoDeployments } = await import('../server/domain/demo/deployments.ts');
    const { applicationId, created, existing } = await seedDemoDeployments(db(), seed.projectId, demoClusterId);
    if (created.length > 0) say(`deploying the sample application iris: ${created.join(', ')}`);
    if (existing.length > 0) say(`sample application iris already has ${existing.join(', ')}`);
    const { seedDemoPromotion, DEMO_POLICY } = await import('../server/domain/demo/promotion.ts');
    const promotion = await seedDemoPromotion(db(), seed.projectId, demoClusterId, applicationId);
    say(`promotion policy "${DEMO_POLICY}" ${promotion.created ? 'created: it promotes every two minutes once the candidate has soaked' : 'already there'}`);
  } catch (error) {
    say(`could not deploy the sample application: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const { closeQueue } = await import('../server/jobs/queue.ts');
await Promise.allSettled([closeDb(), closeQueue()]);
start('web', process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)]);

// 6. Ready when the web server answers.
const url = `http://localhost:${port}`;
for (let attempt = 0; attempt < 120 && !stopping; attempt++) {
  try {
    const response = await fetch(`${url}/sign-in`);
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
console.log(`
  \x1b[1mDrucker is running\x1b[0m  ${url}
  sign in as           ${seed.email}
  password             ${seed.password}
  project              demo
  simulated cluster    https://127.0.0.1:${kubeSimPort}  (kubeconfig: ${path.relative(root, kubeconfig)})
  API token            npm run drucker -- token create --project demo --role editor --name my-tool

  Ctrl-C stops everything.
`);

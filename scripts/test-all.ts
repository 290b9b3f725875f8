// `npm test`: every check the project has, in order of speed, so the cheap failures come first.
// Integration tests and e2e need MariaDB and PostgreSQL on localhost (see README) and Chromium,
// which this script installs from Debian when it is missing (as .ci/run does).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's chromium for the e2e stage: installed when missing and we may, else one line saying how. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const install = 'apt-get update && apt-get install -y chromium';
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(`npm test: Chromium is missing (${CHROMIUM}) and this user cannot install it; run \`sudo sh -c '${install}'\`, then npm test again.`);
    process.exit(1);
  }
  console.log(`\n\x1b[1m▶ installing Chromium\x1b[0m  ${install}`);
  const result = spawnSync('sh', ['-c', install], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    console.error(`npm test: installing Chromium failed; run \`${install}\` as root, then npm test again.`);
    process.exit(1);
  }
}

ensureChromium();

const steps: [string, string[]][] = [
  ['typecheck', ['tsc', '--noEmit']],
  ['lint', ['eslint', '.']],
  ['unit tests', ['vitest', 'run', '--project', 'unit']],
  ['integration tests', ['vitest', 'run', '--project', 'integration']],
  ['end-to-end tests', ['playwright', 'test']],
];

// The kube-sim client-compatibility suites drive the official Python client; install Debian's
// package when it is missing, as CI does (needs root; otherwise say how).
if (spawnSync('/usr/bin/python3', ['-c', 'import kubernetes'], { stdio: 'ignore' }).status !== 0) {
  console.log('python3-kubernetes is missing: installing it with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const installed =
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', 'python3-kubernetes'], { stdio: 'inherit', env }).status === 0;
  if (!installed) console.log('could not install python3-kubernetes (run `apt-get install python3-kubernetes` as root); the kube-sim client suites will fail');
}

const results: [string, boolean, number][] = [];
for (const [name, args] of steps) {
  console.log(`\n\x1b[1m▶ ${name}\x1b[0m  npx ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync('npx', args, { stdio: 'inherit' });
  results.push([name, result.status === 0, (Date.now() - started) / 1000]);
}

console.log('\nSummary');
for (const [name, ok, seconds] of results) console.log(`  ${ok ? '\x1b[32m✓' : '\x1b[31m✗'}\x1b[0m ${name} (${seconds.toFixed(0)} s)`);
const failed = results.filter(([, ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

// `npm test`: every check the project has, in order of speed, so the cheap failures come first.
// Integration tests and e2e need MariaDB and PostgreSQL on localhost (see README) and Chromium.
import { spawnSync } from 'node:child_process';

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

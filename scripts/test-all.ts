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

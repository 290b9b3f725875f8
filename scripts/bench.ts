// `npm run bench`: every bench/*.bench.ts in turn, each in its own Node process so one bench's
// workers, pools and timers cannot skew or hold up the next. Exits non-zero if any bench fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'bench');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();

const failed: string[] = [];
for (const name of files) {
  console.log(`\n\x1b[1m▶ bench/${name}\x1b[0m`);
  const result = spawnSync(process.execPath, [join(dir, name)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}

console.log(`\n${files.length - failed.length} of ${files.length} benches passed${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length === 0 ? 0 : 1);

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The stock kubectl against kube-sim, end to end (see kubectl.sh). Not skipped when kubectl is
// missing: the suite exists to prove a standard client works, so a missing client is a failure
// with the script's explanation.

const script = fileURLToPath(new URL('./kubectl.sh', import.meta.url));

it('kubectl applies, waits for, rolls back and deletes a Deployment', async () => {
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', [script], { timeout: 150_000, env: { ...process.env, NODE: process.execPath } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
  expect(result.stderr + result.stdout, result.stderr).toContain('kubectl.sh: OK');
  expect(result.code).toBe(0);
}, 180_000);

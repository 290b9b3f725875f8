import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// kube-sim in a process of its own, as the demo runs it: its controllers and TLS then do not share
// the event loop with the worker whose timings a bench reads.

export type KubeSimProcess = { url: string; kubeconfig: string; child: ChildProcess; close: () => Promise<void> };

export async function startKubeSimProcess(speed: number): Promise<KubeSimProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-kube-sim-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  const cli = path.resolve(import.meta.dirname, '../../tools/kube-sim/src/cli.ts');
  const child = spawn(process.execPath, [cli, '--port', '0', '--speed', String(speed), '--kubeconfig', kubeconfigPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`kube-sim did not start within 60 s: ${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`kube-sim exited (${code}): ${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (https:\/\/\S+)/.exec(output);
      if (match?.[1] && output.includes('kubeconfig written')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  child.stdout?.resume();
  return {
    url,
    kubeconfig: readFileSync(kubeconfigPath, 'utf8'),
    child,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

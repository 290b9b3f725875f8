import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from './api-harness.ts';
import type { KubeSimOptions } from '../src/index.ts';

// The client-compatibility suites drive kube-sim with clients nobody on the project wrote: the
// stock kubectl 1.32 and the official Python client (Debian's python3-kubernetes), each through a
// kubeconfig pointing at the sim over HTTPS, beside client-node (the Harness). A missing client is
// a failure with the way to install it, never a skip: these suites exist to prove the clients work.

export const KUBECTL = process.env.KUBECTL_1_32 ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
export const PYTHON = process.env.KUBE_SIM_PYTHON ?? '/usr/bin/python3';

export type Run = { code: number; stdout: string; stderr: string };

export type Clients = Harness & {
  kubeconfigPath: string;
  dir: string;
  /** kubectl 1.32 with the sim's kubeconfig; never throws, look at `code`. */
  kubectl: (args: string[], opts?: { input?: string }) => Promise<Run>;
  /** Runs Python with `core`, `apps`, `api` (ApiClient), `dyn` (DynamicClient), `ns` and `out(x)` (prints JSON) defined. */
  python: (code: string, vars?: Record<string, unknown>) => Promise<unknown>;
  close: () => Promise<void>;
};

function run(file: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { timeout: opts.timeoutMs ?? 60_000, env: opts.env, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr + (err && typeof err.code !== 'number' ? `\n${err.message}` : '') });
    });
    child.stdin?.end(opts.input ?? '');
  });
}

const PRELUDE = `
import json, sys, os
from kubernetes import client, config, watch, dynamic
config.load_kube_config(config_file=os.environ['KUBECONFIG'])
api = client.ApiClient()
core = client.CoreV1Api(api)
apps = client.AppsV1Api(api)
dyn = dynamic.DynamicClient(api)
V = json.loads(os.environ.get('PY_VARS', '{}'))
def out(x):
    print(json.dumps(api.sanitize_for_serialization(x)))
`;

export async function startClients(opts: KubeSimOptions = {}): Promise<Clients> {
  for (const [what, path, how] of [
    ['kubectl 1.32', KUBECTL, 'the google-cloud-cli-kubectl package ships it (set KUBECTL_1_32 to another path)'],
    ['python3', PYTHON, 'apt-get install python3 python3-kubernetes'],
  ] as const) {
    if (!existsSync(path)) throw new Error(`${what} not found at ${path}: ${how}`);
  }
  const h = await startHarness(opts);
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-clients-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, h.sim.kubeconfig, { mode: 0o600 });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir };
  const probe = await run(PYTHON, ['-c', 'import kubernetes'], { env });
  if (probe.code !== 0) throw new Error(`the Python Kubernetes client is missing (${probe.stderr.trim()}): apt-get install python3-kubernetes`);
  return {
    ...h,
    dir,
    kubeconfigPath,
    kubectl: (args, o) => run(KUBECTL, ['--request-timeout=30s', ...args], { env, input: o?.input }),
    python: async (code, vars) => {
      const r = await run(PYTHON, ['-c', PRELUDE + code], { env: { ...env, PY_VARS: JSON.stringify(vars ?? {}) } });
      if (r.code !== 0) throw new Error(`python failed (${r.code}):\n${r.stderr}\n${r.stdout}`);
      const last = r.stdout.trim().split('\n').pop() ?? '';
      return last ? (JSON.parse(last) as unknown) : undefined;
    },
    close: async () => {
      await h.sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Asserts a kubectl run succeeded, with its output in the error otherwise. */
export function ok(r: Run): string {
  if (r.code !== 0) throw new Error(`kubectl exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

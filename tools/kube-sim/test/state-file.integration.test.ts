import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { startHarness, deployment, waitFor, type Harness } from './api-harness.ts';

// --state-file / startKubeSim({ stateFile }): objects survive a restart, resourceVersions keep
// counting up, and the controllers carry on with what they find.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kube-sim-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readyPods(h: Harness, ns: string, app: string, n: number): Promise<k8s.V1Pod[]> {
  return waitFor(`${n} ready pods`, async () => {
    const pods = (await h.core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` })).items;
    const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    return ready.length === n && pods.length === n ? pods : undefined;
  }, 30_000);
}

describe('state file', () => {
  it('keeps a Deployment, its ReplicaSet and pods across a restart, and the resourceVersion continues', async () => {
    const stateFile = join(dir, 'in-process', 'state.json');
    const first = await startHarness({ stateFile, stateFileDebounceMs: 20 });
    let secondStarted: Harness | undefined;
    try {
      await first.core.createNamespace({ body: { metadata: { name: 'kept' } } });
      await first.apps.createNamespacedDeployment({ namespace: 'kept', body: deployment('web', 'nginx:1.25', 2) });
      await first.core.createNamespacedSecret({ namespace: 'kept', body: { metadata: { name: 's' }, stringData: { password: 'p' } } });
      const pods = await readyPods(first, 'kept', 'web', 2);
      const before = await first.apps.readNamespacedDeployment({ namespace: 'kept', name: 'web' });
      const rvBefore = Number(first.sim.store.resourceVersion);
      await first.sim.close();

      // Atomic writes: only the state file is left in its directory, no temporaries.
      expect(await readdir(join(dir, 'in-process'))).toEqual(['state.json']);

      const second = (secondStarted = await startHarness({ stateFile, stateFileDebounceMs: 20 }));
      const after = await second.apps.readNamespacedDeployment({ namespace: 'kept', name: 'web' });
      expect(after.metadata?.uid).toBe(before.metadata?.uid);
      expect(after.metadata?.generation).toBe(before.metadata?.generation);
      expect(Number(after.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number(before.metadata?.resourceVersion));
      expect(after.status?.readyReplicas).toBe(2);
      const podsAfter = await readyPods(second, 'kept', 'web', 2);
      expect(podsAfter.map((p) => p.metadata?.uid).sort()).toEqual(pods.map((p) => p.metadata?.uid).sort());
      expect((await second.apps.listNamespacedReplicaSet({ namespace: 'kept' })).items).toHaveLength(1);
      expect((await second.core.readNamespacedSecret({ namespace: 'kept', name: 's' })).data).toEqual({ password: Buffer.from('p').toString('base64') });

      // New writes get versions above every saved one; a watch from before the restart is gone.
      const scaled = await second.apps.patchNamespacedDeployment(
        { namespace: 'kept', name: 'web', body: { spec: { replicas: 3 } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
      expect(Number(scaled.metadata?.resourceVersion)).toBeGreaterThan(rvBefore);
      await readyPods(second, 'kept', 'web', 3);
      const stale = await second.raw('GET', `/apis/apps/v1/namespaces/kept/deployments?watch=1&resourceVersion=${rvBefore - 5}&timeoutSeconds=1`);
      expect(stale.text).toContain('"code":410');
    } finally {
      await first.sim.close();
      await secondStarted?.sim.close();
    }
    // The second run saved the third replica on close.
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { objects: Record<string, { spec?: { replicas?: number } }[]> };
    expect(saved.objects['deployments.apps']?.[0]?.spec?.replicas).toBe(3);
    expect(saved.objects.pods).toHaveLength(3);
  }, 90_000);

  it('saves shortly after a change, while running', async () => {
    const stateFile = join(dir, 'debounced.json');
    const h = await startHarness({ stateFile, stateFileDebounceMs: 20 });
    try {
      await h.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'cm' }, data: { a: '1' } } });
      await waitFor('the state file to hold the ConfigMap', async () => existsSync(stateFile) && (await readFile(stateFile, 'utf8')).includes('"name":"cm"'));
    } finally {
      await h.sim.close();
    }
  });

  it('refuses a state file that is not valid JSON instead of starting empty over it', async () => {
    const stateFile = join(dir, 'broken.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(stateFile, '{"format":1,'));
    await expect(startHarness({ stateFile })).rejects.toThrow(/not valid JSON/);
  });

  it('the CLI loads --state-file at start and saves it on SIGTERM', async () => {
    const stateFile = join(dir, 'cli', 'state.json');
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const run = async (fn: (kc: k8s.KubeConfig) => Promise<void>): Promise<void> => {
      const kubeconfig = join(dir, 'cli', 'kubeconfig');
      await rm(kubeconfig, { force: true });
      const child = spawn(process.execPath, [cli, '--port', '0', '--speed', '50', '--kubeconfig', kubeconfig, '--state-file', stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await waitFor(`the CLI to listen (${out})`, () => out.includes('listening on') && existsSync(kubeconfig), 30_000);
        const kc = new k8s.KubeConfig();
        kc.loadFromFile(kubeconfig);
        await fn(kc);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited, out).toBe(0);
    };
    await run(async (kc) => {
      await kc.makeApiClient(k8s.AppsV1Api).createNamespacedDeployment({ namespace: 'default', body: deployment('cli-web') });
    });
    await run(async (kc) => {
      const d = await kc.makeApiClient(k8s.AppsV1Api).readNamespacedDeployment({ namespace: 'default', name: 'cli-web' });
      expect(d.spec?.replicas).toBe(1);
    });
  }, 90_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { makeNamespace } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 4: moving an object from client-side `kubectl apply` to `kubectl apply
// --server-side`. The apiserver lets the `kubectl` manager take over, without a conflict, the
// fields recorded in the last-applied-configuration annotation; other managers still conflict.

let c: Clients;
beforeAll(async () => {
  c = await startClients();
});
afterAll(async () => {
  await c.close();
});

const manifest = (ns: string, replicas: number, image = 'nginx:1.25'): string =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image }] } } },
  });

describe('client-side to server-side apply', () => {
  it('kubectl apply --server-side takes over the client-side applied fields without a conflict', async () => {
    const ns = await makeNamespace(c);
    ok(await c.kubectl(['apply', '-f', '-'], { input: manifest(ns, 2) }));
    const upgraded = await c.kubectl(['apply', '--server-side', '-f', '-'], { input: manifest(ns, 3, 'nginx:1.27') });
    expect(upgraded.code, upgraded.stderr).toBe(0);
    const d = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'web' });
    expect(d.spec?.replicas).toBe(3);
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.27');
    const kubectl = d.metadata?.managedFields?.find((m) => m.manager === 'kubectl' && m.operation === 'Apply');
    expect(JSON.stringify(kubectl?.fieldsV1)).toContain('"f:replicas"');
  });

  it('still conflicts for another manager, and for fields outside the last-applied configuration', async () => {
    const ns = await makeNamespace(c);
    ok(await c.kubectl(['apply', '-f', '-'], { input: manifest(ns, 2) }));
    const other = await c.kubectl(['apply', '--server-side', '--field-manager', 'someone-else', '-f', '-'], { input: manifest(ns, 3) });
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');

    // A field another writer set (not in the annotation) stays theirs.
    await c.apps.patchNamespacedDeployment(
      { namespace: ns, name: 'web', fieldManager: 'scaler', body: { spec: { minReadySeconds: 5 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const withMinReady = JSON.parse(manifest(ns, 3)) as { spec: Record<string, unknown> };
    withMinReady.spec.minReadySeconds = 9;
    const blocked = await c.kubectl(['apply', '--server-side', '-f', '-'], { input: JSON.stringify(withMinReady) });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('Apply failed with 1 conflict: conflict with "scaler" using apps/v1: .spec.minReadySeconds');
  });
});

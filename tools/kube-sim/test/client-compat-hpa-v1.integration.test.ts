import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { deployment, makeNamespace, waitFor } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 7: autoscaling/v1 HorizontalPodAutoscaler (what `kubectl autoscale` creates),
// stored once and converted to and from autoscaling/v2 as the apiserver does: the CPU target is
// targetCPUUtilizationPercentage in v1 and a Resource metric in v2; what v1 cannot express travels
// in the autoscaling.alpha.kubernetes.io annotations.

let c: Clients;
beforeAll(async () => {
  c = await startClients();
});
afterAll(async () => {
  await c.close();
});

describe('autoscaling/v1 HorizontalPodAutoscaler', () => {
  it('kubectl applies a v1 manifest, read back through v2 (client-node) and v1 (Python client)', async () => {
    const ns = await makeNamespace(c);
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web') });
    // (`kubectl autoscale` sends protobuf: see the protobuf suite.)
    const hpa = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: ns }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } };
    ok(await c.kubectl(['apply', '-f', '-'], { input: JSON.stringify(hpa) }));
    const v2 = await c.hpa.readNamespacedHorizontalPodAutoscaler({ namespace: ns, name: 'web' });
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } });
    expect(v2.spec?.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    const v1 = (await c.python(`out(client.AutoscalingV1Api(api).read_namespaced_horizontal_pod_autoscaler('web', V['ns']))`, { ns })) as Record<string, { [k: string]: unknown }>;
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 });
    // The controller writes status in v2; v1 readers see desired/current replicas.
    await waitFor('status', async () => ((await c.raw('GET', `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers/web`)).json().status as { desiredReplicas?: number } | undefined)?.desiredReplicas === 2, 20_000);
    const listed = ok(await c.kubectl(['get', 'horizontalpodautoscalers.v1.autoscaling', '-n', ns, '-o', 'jsonpath={.items[0].spec.targetCPUUtilizationPercentage}']));
    expect(listed).toBe('60');
  });

  it('keeps what v1 cannot say in annotations, and converts v1 writes back to v2', async () => {
    const ns = await makeNamespace(c);
    await c.hpa.createNamespacedHorizontalPodAutoscaler({
      namespace: ns,
      body: {
        metadata: { name: 'mem' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 1,
          maxReplicas: 3,
          metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }],
        },
      },
    });
    const v1 = (await c.raw('GET', `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers/mem`)).json() as { metadata: { annotations?: Record<string, string> }; spec: Record<string, unknown> };
    expect(v1.spec.targetCPUUtilizationPercentage).toBeUndefined();
    expect(JSON.parse(v1.metadata.annotations?.['autoscaling.alpha.kubernetes.io/metrics'] ?? '[]')).toEqual([{ type: 'Resource', resource: { name: 'memory', targetAverageValue: '100Mi' } }]);

    // A v1 update (max 4, CPU 70%) lands in v2 with both metrics.
    const body = { ...v1, spec: { ...v1.spec, maxReplicas: 4, targetCPUUtilizationPercentage: 70 } };
    const put = await c.raw('PUT', `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers/mem`, { body });
    expect(put.status, put.text).toBe(200);
    const v2 = await c.hpa.readNamespacedHorizontalPodAutoscaler({ namespace: ns, name: 'mem' });
    expect(v2.spec?.maxReplicas).toBe(4);
    expect(v2.spec?.metrics).toEqual([
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    expect(v2.metadata?.annotations?.['autoscaling.alpha.kubernetes.io/metrics']).toBeUndefined();

    // A v1 merge patch too.
    await c.raw('PATCH', `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers/mem`, { body: { spec: { targetCPUUtilizationPercentage: 40 } }, contentType: k8s.PatchStrategy.MergePatch });
    const patched = await c.hpa.readNamespacedHorizontalPodAutoscaler({ namespace: ns, name: 'mem' });
    expect(patched.spec?.metrics?.find((m) => m.resource?.name === 'cpu')?.resource?.target.averageUtilization).toBe(40);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, makeNamespace, deployment, waitFor, type Harness } from './api-harness.ts';

// Server-side printing: the meta.k8s.io Table kubectl asks for on `get`, negotiated through the
// Accept header, and the PartialObjectMetadata conversions metadata-only clients use.

// What kubectl get sends, fallbacks included.
const KUBECTL_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

type Column = { name: string; type: string; format: string; priority: number };
type Row = { cells: unknown[]; object: { kind?: string; apiVersion?: string; metadata?: { name?: string; namespace?: string; resourceVersion?: string }; spec?: unknown } | null };
type Table = { kind: string; apiVersion: string; metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number }; columnDefinitions: Column[] | null; rows: Row[] };

let h: Harness;
let ns: string;
beforeAll(async () => {
  h = await startHarness();
  ns = await makeNamespace(h, 'table');
  await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web', 'nginx:1.25', 2) });
  await waitFor('web to be available', async () => (await h.apps.readNamespacedDeployment({ namespace: ns, name: 'web' })).status?.availableReplicas === 2);
});
afterAll(async () => {
  await h.sim.close();
});

async function table(path: string, accept = KUBECTL_ACCEPT): Promise<Table> {
  const res = await h.raw('GET', path, { accept });
  expect(res.status, res.text).toBe(200);
  return JSON.parse(res.text) as Table;
}

const cellsByName = (t: Table): Record<string, unknown>[] =>
  t.rows.map((r) => Object.fromEntries((t.columnDefinitions ?? []).map((c, i) => [c.name, r.cells[i]])));

describe('Table for kubectl get', () => {
  it('prints deployments with READY ready/desired, the wide columns at priority 1', async () => {
    const t = await table(`/apis/apps/v1/namespaces/${ns}/deployments`);
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(Number(t.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(t.columnDefinitions?.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0], ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
    ]);
    expect(t.columnDefinitions?.[0]).toMatchObject({ type: 'string', format: 'name' });
    expect(t.columnDefinitions?.[4]).toMatchObject({ name: 'Age', type: 'string', format: '' });
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]?.cells).toEqual(['web', '2/2', 2, 2, expect.stringMatching(/^\d+(s|m\d*s?)$/) as unknown, 'main', 'nginx:1.25', 'app=web']);
    // By default each row carries the object's metadata only, which kubectl reads for -A and --show-labels.
    expect(t.rows[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'web', namespace: ns } });
    expect(t.rows[0]?.object).not.toHaveProperty('spec');
  });

  it('prints pods with READY, STATUS and RESTARTS as kubectl shows them', async () => {
    const t = await table(`/api/v1/namespaces/${ns}/pods`);
    const rows = cellsByName(t);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ Ready: '1/1', Status: 'Running', Restarts: '0', Node: 'kube-sim-node' });
      expect(r.IP).toMatch(/^10\.244\./);
    }
    const rs = cellsByName(await table(`/apis/apps/v1/namespaces/${ns}/replicasets`));
    expect(rs[0]).toMatchObject({ Desired: 2, Current: 2, Ready: 2, Images: 'nginx:1.25' });
  });

  it('answers a single get with a one-row Table, honouring includeObject', async () => {
    const one = await table(`/apis/apps/v1/namespaces/${ns}/deployments/web`);
    expect(one.rows.map((r) => r.cells[0])).toEqual(['web']);
    expect(one.metadata.resourceVersion).toBe(one.rows[0]?.object?.metadata?.resourceVersion);
    const full = await table(`/apis/apps/v1/namespaces/${ns}/deployments/web?includeObject=Object`);
    expect(full.rows[0]?.object).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', spec: { replicas: 2 } });
    const none = await table(`/apis/apps/v1/namespaces/${ns}/deployments/web?includeObject=None`);
    expect(none.rows[0]?.object).toBeNull();
    expect((await h.raw('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web?includeObject=All`, { accept: KUBECTL_ACCEPT })).status).toBe(400);
  });

  it('prints services, ingresses, HPAs, namespaces and events with their own columns', async () => {
    await h.core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443, protocol: 'TCP' }] } } });
    await h.core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080 }] } } });
    const svc = cellsByName(await table(`/api/v1/namespaces/${ns}/services`));
    expect(svc.find((s) => s.Name === 'web')).toMatchObject({ Type: 'ClusterIP', 'External-IP': '<none>', 'Port(s)': '80/TCP,443/TCP', Selector: 'app=web' });
    expect(svc.find((s) => s.Name === 'web')?.['Cluster-IP']).toMatch(/^10\.96\./);
    expect(svc.find((s) => s.Name === 'lb')).toMatchObject({ Type: 'LoadBalancer', 'External-IP': '<pending>', 'Port(s)': '80:30080/TCP', Selector: '<none>' });

    await h.net.createNamespacedIngress({ namespace: ns, body: { metadata: { name: 'web' }, spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'] }], rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }] } } });
    expect(cellsByName(await table(`/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`))[0]).toMatchObject({ Class: 'nginx', Hosts: 'a.example.com,b.example.com', Address: '', Ports: '80, 443' });

    await h.hpa.createNamespacedHorizontalPodAutoscaler({ namespace: ns, body: { metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } } });
    const hpa = cellsByName(await table(`/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`))[0];
    // minReplicas defaults to 1, as the apiserver's HPA defaulting does.
    expect(hpa).toMatchObject({ Reference: 'Deployment/web', MinPods: '1', MaxPods: 4 });
    expect(hpa?.Targets).toMatch(/^cpu: (<unknown>|\d+%)\/80%$/);

    expect(cellsByName(await table('/api/v1/namespaces')).find((n) => n.Name === ns)).toMatchObject({ Status: 'Active' });
    const events = await table(`/api/v1/namespaces/${ns}/events`);
    expect(events.columnDefinitions?.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
    expect(cellsByName(events).find((e) => e.Reason === 'ScalingReplicaSet')).toMatchObject({ Type: 'Normal', Object: 'deployment/web', Source: 'deployment-controller', Count: 1 });
  });

  it('pages a Table like the list it prints', async () => {
    const first = await table(`/api/v1/namespaces/${ns}/pods?limit=1`);
    expect(first.rows).toHaveLength(1);
    expect(first.metadata).toMatchObject({ remainingItemCount: 1, continue: expect.any(String) as unknown });
    const second = await table(`/api/v1/namespaces/${ns}/pods?limit=1&continue=${encodeURIComponent(first.metadata.continue ?? '')}`);
    expect(second.rows.map((r) => r.cells[0])).not.toEqual(first.rows.map((r) => r.cells[0]));
    expect(second.metadata.continue).toBeUndefined();
  });
});

describe('content negotiation', () => {
  it('falls back to meta.k8s.io/v1beta1 and to the plain list, in the order the client gave', async () => {
    const beta = await table(`/apis/apps/v1/namespaces/${ns}/deployments`, 'application/json;as=Table;v=v1beta1;g=meta.k8s.io');
    expect(beta).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1beta1' });
    const plain = (await h.raw('GET', `/apis/apps/v1/namespaces/${ns}/deployments`, { accept: 'application/json;as=Table;v=v2;g=meta.k8s.io, application/json' })).json();
    expect(plain).toMatchObject({ kind: 'DeploymentList', apiVersion: 'apps/v1' });
    const preferred = await table(`/apis/apps/v1/namespaces/${ns}/deployments`, 'application/json;q=0.5, application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(preferred.kind).toBe('Table');
    expect((await h.raw('GET', `/apis/apps/v1/namespaces/${ns}/deployments`)).json()).toMatchObject({ kind: 'DeploymentList' });
  });

  it('answers 406 when only unsupported conversions are acceptable', async () => {
    const res = await h.raw('GET', `/apis/apps/v1/namespaces/${ns}/deployments`, { accept: 'application/json;as=Table;v=v2;g=meta.k8s.io' });
    expect(res.status).toBe(406);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'NotAcceptable', code: 406 });
    // A list conversion on a single object is not acceptable either.
    const single = await h.raw('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web`, { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' });
    expect(single.status).toBe(406);
  });

  it('serves PartialObjectMetadata and PartialObjectMetadataList', async () => {
    const accept = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json';
    const list = (await h.raw('GET', `/apis/apps/v1/namespaces/${ns}/deployments`, { accept })).json();
    expect(list).toMatchObject({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', items: [{ kind: 'PartialObjectMetadata', metadata: { name: 'web' } }] });
    const one = (await h.raw('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web`, { accept })).json();
    expect(one).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'web', namespace: ns } });
    expect(one).not.toHaveProperty('spec');
  });
});

describe('watch as Table', () => {
  it('sends one-row Tables, with column definitions on the first event only', async () => {
    const res = await h.raw('GET', `/api/v1/namespaces/${ns}/pods?watch=true&timeoutSeconds=1`, { accept: KUBECTL_ACCEPT });
    expect(res.status).toBe(200);
    const events = res.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: Table });
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
    expect(events.map((e) => e.object.kind)).toEqual(['Table', 'Table']);
    expect(events[0]?.object.columnDefinitions?.map((c) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(events[1]?.object.columnDefinitions).toBeNull();
    for (const e of events) {
      expect(e.object.rows).toHaveLength(1);
      expect(e.object.rows[0]?.cells.slice(1, 3)).toEqual(['1/1', 'Running']);
      expect(e.object.metadata.resourceVersion).toBe(e.object.rows[0]?.object?.metadata?.resourceVersion);
    }
  });
});

import { request, Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNamespace, waitFor } from './api-harness.ts';
import { startClients, type Clients } from './clients.ts';

// Issue 7, item 1: a real apiserver decodes every boolean query parameter as true unless its value
// is "0" or "false" (any case); the Python client sends `watch=True`, `force=True`, `follow=True`.

let c: Clients;
beforeAll(async () => {
  c = await startClients({ bookmarkIntervalMs: 200 });
});
afterAll(async () => {
  await c.close();
});

/** Status and headers of a GET, without waiting for a streamed body to end. */
function head(path: string): Promise<{ status: number; headers: Record<string, unknown>; first: string }> {
  return new Promise((resolve, reject) => {
    const agent = new Agent({ ca: c.sim.caPem, keepAlive: false });
    const req = request(`${c.sim.url}${path}`, { agent, headers: { authorization: `Bearer ${c.sim.token}` } }, (res) => {
      res.once('data', (chunk: Buffer) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, first: chunk.toString() });
        req.destroy();
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, first: '' }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function podWithLogs(ns: string): Promise<string> {
  await c.core.createNamespacedPod({ namespace: ns, body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] } } });
  await waitFor('log lines', async () => (await c.raw('GET', `/api/v1/namespaces/${ns}/pods/p/log`)).status === 200 && (await c.raw('GET', `/api/v1/namespaces/${ns}/pods/p/log`)).text.length > 0, 20_000);
  return 'p';
}

describe('boolean query parameters', () => {
  it("the Python client's Watch().stream (watch=True) gets events", async () => {
    const ns = await makeNamespace(c);
    await c.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'first' } } });
    const events = await c.python(
      `
w = watch.Watch()
seen = []
for e in w.stream(core.list_namespaced_config_map, V['ns'], timeout_seconds=2):
    seen.append([e['type'], e['object'].metadata.name])
    if len(seen) == 1:
        core.create_namespaced_config_map(V['ns'], {'metadata': {'name': 'second'}})
    if len(seen) == 2:
        w.stop()
out(seen)
`,
      { ns },
    );
    expect(events).toEqual([
      ['ADDED', 'first'],
      ['ADDED', 'second'],
    ]);
  });

  it('the Python client gets bookmarks with allow_watch_bookmarks=True', async () => {
    const ns = await makeNamespace(c);
    const types = await c.python(
      `
resp = core.list_namespaced_config_map(V['ns'], watch=True, allow_watch_bookmarks=True, timeout_seconds=2, _preload_content=False)
types = []
for line in resp:
    for part in line.decode().splitlines():
        if part.strip():
            types.append(json.loads(part)['type'])
    if 'BOOKMARK' in types:
        break
resp.close()
out(types)
`,
      { ns },
    );
    expect(types).toContain('BOOKMARK');
  });

  it('a forced server-side apply from the Python client (force=True) takes the fields over', async () => {
    const ns = await makeNamespace(c);
    const result = await c.python(
      `
# Debian's client (22.6) cannot encode a dict as apply-patch+yaml; a JSON string is valid YAML.
def apply(manager, value, force=None):
    body = {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'cm'}, 'data': {'k': value}}
    q = [('fieldManager', manager)] + ([('force', force)] if force is not None else [])
    return api.call_api('/api/v1/namespaces/{ns}/configmaps/cm', 'PATCH', {'ns': V['ns']}, q,
        {'Content-Type': 'application/apply-patch+yaml', 'Accept': 'application/json'}, body=json.dumps(body),
        auth_settings=['BearerToken'], response_type='object', _return_http_data_only=True)
apply('mgr-a', 'a')
try:
    apply('mgr-b', 'b')
    conflict = None
except client.rest.ApiException as e:
    conflict = e.status
applied = apply('mgr-b', 'b', force=True)
out({'conflict': conflict, 'data': applied['data']})
`,
      { ns },
    );
    expect(result).toEqual({ conflict: 409, data: { k: 'b' } });
  });

  it("the Python client's followed log (follow=True) streams", async () => {
    const ns = await makeNamespace(c);
    await podWithLogs(ns);
    const result = await c.python(
      `
resp = core.read_namespaced_pod_log('p', V['ns'], follow=True, _preload_content=False)
out({'chunked': resp.headers.get('Transfer-Encoding'), 'length': resp.headers.get('Content-Length')})
resp.close()
`,
      { ns },
    );
    expect(result).toEqual({ chunked: 'chunked', length: null });
  });

  const TRUE = ['true', 'True', 'TRUE', '1', 'yes', 'x', ''];
  const FALSE = ['false', 'False', 'FALSE', '0'];

  it('watch: any value but 0/false (any case) is a watch', async () => {
    const ns = await makeNamespace(c);
    // An object to send at once, so each watch answers without waiting for its timeout.
    await c.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cm' } } });
    for (const v of TRUE) {
      const r = await head(`/api/v1/namespaces/${ns}/configmaps?watch=${v}&timeoutSeconds=1`);
      expect(r.headers['transfer-encoding'], `watch=${v}`).toBe('chunked');
    }
    for (const v of FALSE) {
      const r = await c.raw('GET', `/api/v1/namespaces/${ns}/configmaps?watch=${v}`);
      expect(r.json().kind, `watch=${v}`).toBe('ConfigMapList');
    }
  });

  it('allowWatchBookmarks and sendInitialEvents take the same values', async () => {
    const ns = await makeNamespace(c);
    const list = await c.core.listNamespacedConfigMap({ namespace: ns });
    for (const v of ['True', 'yes']) {
      const r = await head(`/api/v1/namespaces/${ns}/configmaps?watch=1&allowWatchBookmarks=${v}&sendInitialEvents=${v}&resourceVersionMatch=NotOlderThan&resourceVersion=${list.metadata?.resourceVersion ?? ''}&timeoutSeconds=2`);
      // No objects: the first thing sent is the initial-events-end bookmark, which only comes with both.
      expect(r.first, v).toContain('"type":"BOOKMARK"');
      expect(r.first, v).toContain('k8s.io/initial-events-end');
    }
  });

  it('force, follow and orphanDependents take the same values', async () => {
    const ns = await makeNamespace(c);
    const apply = (manager: string, value: string, force?: string) =>
      c.raw('PATCH', `/api/v1/namespaces/${ns}/configmaps/cm?fieldManager=${manager}${force === undefined ? '' : `&force=${force}`}`, {
        body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { k: value } }),
        contentType: 'application/apply-patch+yaml',
      });
    expect((await apply('a', '1')).status).toBe(201);
    expect((await apply('b', '2', 'False')).status).toBe(409);
    expect((await apply('b', '2', 'TRUE')).status).toBe(200);

    await podWithLogs(ns);
    expect((await head(`/api/v1/namespaces/${ns}/pods/p/log?follow=True`)).headers['transfer-encoding']).toBe('chunked');
    expect((await head(`/api/v1/namespaces/${ns}/pods/p/log?follow=0`)).headers['content-length']).toBeDefined();

    await c.apps.createNamespacedReplicaSet({
      namespace: ns,
      body: { metadata: { name: 'rs' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'm', image: 'nginx' }] } } } },
    });
    await waitFor('the ReplicaSet pod', async () => (await c.core.listNamespacedPod({ namespace: ns, labelSelector: 'a=b' })).items.length === 1);
    expect((await c.raw('DELETE', `/apis/apps/v1/namespaces/${ns}/replicasets/rs?orphanDependents=True`)).status).toBe(200);
    const orphan = (await c.core.listNamespacedPod({ namespace: ns, labelSelector: 'a=b' })).items;
    expect(orphan).toHaveLength(1);
    expect(orphan[0]?.metadata?.ownerReferences ?? []).toEqual([]);
  });
});

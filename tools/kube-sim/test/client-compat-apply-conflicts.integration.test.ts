import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNamespace } from './api-harness.ts';
import { startClients, type Clients } from './clients.ts';

// Issue 7, item 10: server-side apply conflict messages as the apiserver words them: an Apply
// manager by name only, an Update manager "using <apiVersion>", and with several conflicts one
// block per manager (sorted), each field on its own line.

let c: Clients;
beforeAll(async () => {
  c = await startClients();
});
afterAll(async () => {
  await c.close();
});

const cm = (ns: string, data: Record<string, string>, labels?: Record<string, string>) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: ns, ...(labels ? { labels } : {}) }, data });

/** The Status message of a failed apply from the Python client. */
async function pyApply(ns: string, manager: string, body: string): Promise<string> {
  return (await c.python(
    `
try:
    api.call_api('/api/v1/namespaces/{ns}/configmaps/cm', 'PATCH', {'ns': V['ns']}, [('fieldManager', V['manager'])],
        {'Content-Type': 'application/apply-patch+yaml', 'Accept': 'application/json'}, body=V['body'],
        auth_settings=['BearerToken'], response_type='object', _return_http_data_only=True)
    out('no conflict')
except client.rest.ApiException as e:
    out(json.loads(e.body)['message'])
`,
    { ns, manager, body },
  )) as string;
}

describe('apply conflict messages', () => {
  it('names an Apply manager alone (kubectl --server-side, Python client)', async () => {
    const ns = await makeNamespace(c);
    const first = await c.kubectl(['apply', '--server-side', '--field-manager', 'mgr-a', '-f', '-'], { input: cm(ns, { k: 'a' }) });
    expect(first.code, first.stderr).toBe(0);
    const second = await c.kubectl(['apply', '--server-side', '--field-manager', 'mgr-b', '-f', '-'], { input: cm(ns, { k: 'b' }) });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('Apply failed with 1 conflict: conflict with "mgr-a": .data.k\n');
    expect(await pyApply(ns, 'mgr-b', cm(ns, { k: 'b' }))).toBe('Apply failed with 1 conflict: conflict with "mgr-a": .data.k');
  });

  it('names an Update manager with the apiVersion it used', async () => {
    const ns = await makeNamespace(c);
    await c.python(`core.create_namespaced_config_map(V['ns'], {'metadata': {'name': 'cm'}, 'data': {'k': 'a'}}, field_manager='writer')`, { ns });
    expect(await pyApply(ns, 'applier', cm(ns, { k: 'b' }))).toBe('Apply failed with 1 conflict: conflict with "writer" using v1: .data.k');
  });

  it('groups several conflicts per manager, managers sorted', async () => {
    const ns = await makeNamespace(c);
    expect(await pyApply(ns, 'mgr-z', cm(ns, { k: 'a' }, { tier: 'one' }))).toBe('no conflict');
    expect(await pyApply(ns, 'mgr-a', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: ns }, data: { j: 'a' } }))).toBe('no conflict');
    const message = await pyApply(ns, 'mgr-b', cm(ns, { k: 'b', j: 'b' }, { tier: 'two' }));
    expect(message).toBe('Apply failed with 3 conflicts: conflicts with "mgr-a":\n- .data.j\nconflicts with "mgr-z":\n- .data.k\n- .metadata.labels.tier');
  });
});

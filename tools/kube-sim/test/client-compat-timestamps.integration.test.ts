import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, makeNamespace, waitFor } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 5: at --speed > 1 the controllers run on simulated time, but objects are stamped
// with wall-clock time, so ages and client deadline arithmetic stay true. Only an explicit
// /_sim/clock jump moves the stamps ahead of real time.

let c: Clients;
beforeAll(async () => {
  c = await startClients({ speed: 200 });
});
afterAll(async () => {
  await c.close();
});

const SLACK_MS = 5_000;

describe('timestamps at speed 200', () => {
  it('stamps objects, pod status and events with wall-clock time while rollouts run on simulated time', async () => {
    const ns = await makeNamespace(c);
    await c.apps.createNamespacedDeployment({ namespace: ns, body: { ...deployment('web', 'nginx:1.25', 2), spec: { ...deployment('web', 'nginx:1.25', 2).spec!, minReadySeconds: 60 } } });
    // 60 simulated seconds of minReadySeconds pass in well under a real second or two.
    await waitFor('available', async () => (await c.apps.readNamespacedDeployment({ namespace: ns, name: 'web' })).status?.availableReplicas === 2, 30_000);
    expect(c.sim.clock.now() - Date.now()).toBeGreaterThan(30_000);

    const stamps = (await c.python(
      `
import datetime
d = apps.read_namespaced_deployment('web', V['ns'])
pods = core.list_namespaced_pod(V['ns']).items
events = core.list_namespaced_event(V['ns']).items
times = [d.metadata.creation_timestamp] + [c.last_update_time for c in d.status.conditions]
for p in pods:
    times += [p.metadata.creation_timestamp, p.status.start_time] + [c.last_transition_time for c in p.status.conditions]
    times += [s.state.running.started_at for s in p.status.container_statuses]
times += [e.last_timestamp for e in events]
out([t.timestamp() * 1000 for t in times])
`,
      { ns },
    )) as number[];
    expect(stamps.length).toBeGreaterThan(10);
    const now = Date.now();
    for (const t of stamps) {
      expect(t).toBeLessThanOrEqual(now + 1000);
      expect(t).toBeGreaterThan(now - 120_000);
    }

    // kubectl prints ages the server computes from those stamps: seconds, never <invalid>.
    const table = ok(await c.kubectl(['get', 'deploy,pods', '-n', ns]));
    expect(table).not.toContain('<invalid>');
    expect(table).toMatch(/web\s+2\/2\s+2\s+2\s+\d+s/);
    // And kubectl's client-side ages agree (it computes them from creationTimestamp here).
    const wide = ok(await c.kubectl(['get', 'deploy', 'web', '-n', ns, '-o', 'custom-columns=CREATED:.metadata.creationTimestamp', '--no-headers']));
    expect(Math.abs(Date.parse(wide.trim()) - Date.now())).toBeLessThan(120_000);
  });

  it('moves the stamps ahead only by an explicit /_sim/clock jump', async () => {
    const before = (await c.raw('GET', '/_sim/clock')).json() as { wallNowMs: number };
    expect(Math.abs(before.wallNowMs - Date.now())).toBeLessThan(SLACK_MS + 60_000);
    const jumped = (await c.raw('POST', '/_sim/clock', { body: { advanceSeconds: 3600 } })).json() as { wallNowMs: number };
    expect(jumped.wallNowMs - Date.now()).toBeGreaterThan(3600_000 - SLACK_MS);
    const ns = await makeNamespace(c);
    const cm = await c.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'later' } } });
    const at = cm.metadata?.creationTimestamp?.getTime() ?? 0;
    expect(at - Date.now()).toBeGreaterThan(3600_000 - SLACK_MS);
    expect(at - Date.now()).toBeLessThan(3600_000 + SLACK_MS);
  });
});

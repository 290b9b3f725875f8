import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeNamespace, waitFor } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 8: the kinds of kubectl's default prune allow-list are served (as stored objects,
// without controllers), so `kubectl apply --prune -l …` works; and the `kubernetes` Service and
// each namespace's `default` ServiceAccount exist, as on a real cluster.

let c: Clients;
beforeAll(async () => {
  c = await startClients();
});
afterAll(async () => {
  await c.close();
});

const labels = { app: 'prune-me' };
const meta = (name: string, ns?: string) => ({ name, ...(ns ? { namespace: ns } : {}), labels });
const podTemplate = { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] } };

function manifests(ns: string): object[] {
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm', ns), data: { a: '1' } },
    { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('ep', ns), subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('pvc', ns), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(`pv-${ns}`), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/pv' } } },
    { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('rc', ns), spec: { replicas: 0, selector: labels, template: podTemplate } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('sts', ns), spec: { replicas: 0, serviceName: 'sts', selector: { matchLabels: labels }, template: podTemplate } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('ds', ns), spec: { selector: { matchLabels: labels }, template: podTemplate } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('job', ns), spec: { suspend: true, template: { ...podTemplate, spec: { ...podTemplate.spec, restartPolicy: 'Never' } } } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('cj', ns), spec: { schedule: '*/5 * * * *', suspend: true, jobTemplate: { spec: { template: { ...podTemplate, spec: { ...podTemplate.spec, restartPolicy: 'OnFailure' } } } } } },
  ];
}
// Multi-document YAML (kube-sim serves no OpenAPI v2, which kubectl validates a `kind: List` with).
const list = (items: object[]) => items.map((i) => stringify(i)).join('---\n');

describe('kinds of the prune allow-list', () => {
  it('kubectl applies every kind, lists them, and prunes by label', async () => {
    const ns = await makeNamespace(c);
    const all = manifests(ns);
    ok(await c.kubectl(['apply', '--prune', '-l', 'app=prune-me', '-f', '-'], { input: list(all) }));
    const got = ok(await c.kubectl(['get', 'cm,ep,pvc,rc,sts,ds,job,cronjob', '-n', ns, '-l', 'app=prune-me', '-o', 'name']));
    expect(got.trim().split('\n').sort()).toEqual(
      ['configmap/cm', 'endpoints/ep', 'persistentvolumeclaim/pvc', 'replicationcontroller/rc', 'statefulset.apps/sts', 'daemonset.apps/ds', 'job.batch/job', 'cronjob.batch/cj'].sort(),
    );
    expect(ok(await c.kubectl(['get', 'pv', `pv-${ns}`, '-o', 'name'])).trim()).toBe(`persistentvolume/pv-${ns}`);

    // Apply again with only the ConfigMap: everything else with the label is pruned.
    const pruned = ok(await c.kubectl(['apply', '--prune', '-l', 'app=prune-me', '-n', ns, '-f', '-'], { input: list([all[0] as object]) }));
    expect(pruned).toContain('job.batch/job pruned');
    expect(pruned).toContain('statefulset.apps/sts pruned');
    const left = ok(await c.kubectl(['get', 'cm,ep,pvc,rc,sts,ds,job,cronjob', '-n', ns, '-l', 'app=prune-me', '-o', 'name']));
    expect(left.trim()).toBe('configmap/cm');
  });

  it('has the kubernetes Service and a default ServiceAccount in every namespace (Python client)', async () => {
    const ns = await makeNamespace(c);
    await waitFor('the default ServiceAccount', async () => (await c.raw('GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status === 200);
    const found = (await c.python(
      `
svc = core.read_namespaced_service('kubernetes', 'default')
out({'ip': svc.spec.cluster_ip, 'ports': [[p.name, p.port, p.protocol] for p in svc.spec.ports],
     'sa': core.read_namespaced_service_account('default', V['ns']).metadata.name,
     'sa_default': core.read_namespaced_service_account('default', 'default').metadata.name})
`,
      { ns },
    )) as Record<string, unknown>;
    expect(found).toEqual({ ip: '10.96.0.1', ports: [['https', 443, 'TCP']], sa: 'default', sa_default: 'default' });
  });
});

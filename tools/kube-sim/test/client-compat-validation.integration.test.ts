import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNamespace } from './api-harness.ts';
import { startClients, type Clients } from './clients.ts';

// Issue 7, item 2: the apiserver's validation for the kinds served, each failure a 422 Invalid with
// the real field path and message (wording learned from the apiserver's validation packages), so
// nothing is accepted here that a real cluster refuses.

let c: Clients;
let ns: string;
beforeAll(async () => {
  c = await startClients();
  ns = await makeNamespace(c);
});
afterAll(async () => {
  await c.close();
});

type Obj = Record<string, unknown>;
const container = (over: Obj = {}): Obj => ({ name: 'main', image: 'nginx:1.25', ...over });
function deploy(name: string, podSpec: Obj = {}, over: { labels?: Obj; annotations?: Obj; spec?: Obj } = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(over.labels ? { labels: over.labels } : {}), ...(over.annotations ? { annotations: over.annotations } : {}) },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container()], ...podSpec } }, ...over.spec },
  };
}
const service = (name: string, spec: Obj): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ...spec } });

async function causes(path: string, body: Obj): Promise<{ code: number; message: string; causes: { field: string; message: string; reason: string }[] }> {
  const res = await c.raw('POST', path, { body });
  const s = res.json() as { code: number; message: string; details?: { causes?: { field: string; message: string; reason: string }[] } };
  return { code: res.status, message: s.message, causes: s.details?.causes ?? [] };
}
const deployments = () => `/apis/apps/v1/namespaces/${ns}/deployments`;

const P = 'spec.template.spec.containers[0]';
const CASES: [string, Obj, { field: string; message: string; reason: string }][] = [
  ['requests above limits', deploy('req', { containers: [container({ resources: { requests: { cpu: '2', memory: '64Mi' }, limits: { cpu: '1500m', memory: '1Gi' } } })] }),
    { field: `${P}.resources.requests`, message: 'Invalid value: "2": must be less than or equal to cpu limit of 1500m', reason: 'FieldValueInvalid' }],
  ['a container port out of range', deploy('port', { containers: [container({ ports: [{ containerPort: 70000 }] })] }),
    { field: `${P}.ports[0].containerPort`, message: 'Invalid value: 70000: must be between 1 and 65535, inclusive', reason: 'FieldValueInvalid' }],
  ['duplicate container names', deploy('dupc', { containers: [container(), container({ image: 'envoy:1' })] }),
    { field: 'spec.template.spec.containers[1].name', message: 'Duplicate value: "main"', reason: 'FieldValueDuplicate' }],
  ['duplicate port names', deploy('dupp', { containers: [container({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] }),
    { field: `${P}.ports[1].name`, message: 'Duplicate value: "http"', reason: 'FieldValueDuplicate' }],
  ['duplicate volume names', deploy('dupv', { volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }] }),
    { field: 'spec.template.spec.volumes[1].name', message: 'Duplicate value: "data"', reason: 'FieldValueDuplicate' }],
  ['an unknown imagePullPolicy', deploy('pull', { containers: [container({ imagePullPolicy: 'Sometimes' })] }),
    { field: `${P}.imagePullPolicy`, message: 'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"', reason: 'FieldValueNotSupported' }],
  ['restartPolicy other than Always in a Deployment', deploy('restart', { restartPolicy: 'Never' }),
    { field: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "Never": supported values: "Always"', reason: 'FieldValueNotSupported' }],
  ['an unknown strategy type', deploy('strategy', {}, { spec: { strategy: { type: 'BlueGreen' } } }),
    { field: 'spec.strategy.type', message: 'Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"', reason: 'FieldValueNotSupported' }],
  ['an invalid label value', deploy('label', {}, { labels: { team: 'a b' } }),
    { field: 'metadata.labels', message: `Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`, reason: 'FieldValueInvalid' }],
  ['a label value over 63 characters', deploy('long', {}, { labels: { team: 'x'.repeat(64) } }),
    { field: 'metadata.labels', message: `Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`, reason: 'FieldValueInvalid' }],
  ['annotations over 256 KiB', deploy('annot', {}, { annotations: { big: 'x'.repeat(262_144) } }),
    { field: 'metadata.annotations', message: 'Too long: may not be more than 262144 bytes', reason: 'FieldValueTooLong' }],
  ['a selector that does not match the template labels', { ...deploy('sel'), spec: { selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'sel' } }, spec: { containers: [container()] } } } },
    { field: 'spec.template.metadata.labels', message: 'Invalid value: map[string]string{"app":"sel"}: `selector` does not match template `labels`', reason: 'FieldValueInvalid' }],
];

describe('validation of Deployments (client-node)', () => {
  for (const [what, body, cause] of CASES) {
    it(`refuses ${what}`, async () => {
      const r = await causes(deployments(), body);
      expect(r.code).toBe(422);
      expect(r.causes).toContainEqual(cause);
      expect(r.message).toContain(`${cause.field}: ${cause.message}`);
    });
  }
});

describe('quantities', () => {
  it('refuses a quantity that does not parse with 400, as decoding does on a real server', async () => {
    const res = await c.raw('POST', deployments(), { body: deploy('badq', { containers: [container({ resources: { requests: { memory: '512K' } } })] }) });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ reason: 'BadRequest', message: `Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'` });
  });
});

describe('validation of Services', () => {
  const services = () => `/api/v1/namespaces/${ns}/services`;
  it('refuses a port out of range, an unknown protocol, and unnamed or duplicate names among several ports', async () => {
    const r = await causes(services(), service('svc', { ports: [{ name: 'http', port: 0 }, { port: 81, protocol: 'HTTP' }, { name: 'http', port: 82, targetPort: 70000 }] }));
    expect(r.code).toBe(422);
    expect(r.causes).toEqual(
      expect.arrayContaining([
        { field: 'spec.ports[0].port', message: 'Invalid value: 0: must be between 1 and 65535, inclusive', reason: 'FieldValueInvalid' },
        { field: 'spec.ports[1].name', message: 'Required value', reason: 'FieldValueRequired' },
        { field: 'spec.ports[1].protocol', message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"', reason: 'FieldValueNotSupported' },
        { field: 'spec.ports[2].name', message: 'Duplicate value: "http"', reason: 'FieldValueDuplicate' },
        { field: 'spec.ports[2].targetPort', message: 'Invalid value: 70000: must be between 1 and 65535, inclusive', reason: 'FieldValueInvalid' },
      ]),
    );
  });

  it('kubectl apply shows the apiserver message', async () => {
    const r = await c.kubectl(['apply', '-n', ns, '-f', '-'], { input: JSON.stringify(service('kc', { ports: [{ port: 99999 }] })) });
    expect(r.code).not.toBe(0);
    // targetPort defaults to port, so a real server reports both.
    expect(r.stderr).toContain('The Service "kc" is invalid: \n* spec.ports[0].port: Invalid value: 99999: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 99999');
  });

  it('the Python client gets the 422 with its causes', async () => {
    const r = (await c.python(
      `
try:
    core.create_namespaced_pod(V['ns'], {'metadata': {'name': 'p'}, 'spec': {'restartPolicy': 'Sometimes', 'containers': [{'name': 'a', 'image': 'x:1', 'ports': [{'containerPort': 80, 'protocol': 'tcp'}]}]}})
    out('created')
except client.rest.ApiException as e:
    out({'status': e.status, 'causes': json.loads(e.body)['details']['causes']})
`,
      { ns },
    )) as { status: number; causes: unknown[] };
    expect(r.status).toBe(422);
    expect(r.causes).toEqual(
      expect.arrayContaining([
        { field: 'spec.restartPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"', reason: 'FieldValueNotSupported' },
        { field: 'spec.containers[0].ports[0].protocol', message: 'Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"', reason: 'FieldValueNotSupported' },
      ]),
    );
  });
});

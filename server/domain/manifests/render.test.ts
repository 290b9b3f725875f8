import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Container, EnvVar, PodSpec, Secret, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { apiServerProblems } from '../../../test/kube-schemas.ts';
import type { KubeObject } from '../../kube/cluster-client.ts';
import { renderInput } from './fixtures.ts';
import { renderService } from './render.ts';
import { objectsToRemove } from './refs.ts';

function find<T>(objects: KubeObject[], kind: string, name?: string): KubeObject & T {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as KubeObject & T;
}
const deploymentOf = (objects: KubeObject[]) => find<Deployment>(objects, 'Deployment');
const podOf = (objects: KubeObject[]): PodSpec => deploymentOf(objects).spec?.template.spec ?? { containers: [] };
const containerOf = (objects: KubeObject[]): Container => podOf(objects).containers[0] ?? { name: '' };
const envOf = (objects: KubeObject[]): EnvVar[] => containerOf(objects).env ?? [];
const envValue = (objects: KubeObject[], name: string) => envOf(objects).find((e) => e.name === name);

describe('renderService', () => {
  it('renders the namespace, Deployment, Service, Ingress and the level Service and Ingress, in apply order', () => {
    const { objects, stale } = renderService(renderInput());
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Namespace//development',
      'Deployment/development/iris-development-a1b2c3',
      'Service/development/iris-development-a1b2c3',
      'Ingress/development/iris-development-a1b2c3',
      'Service/development/iris-development',
      'Ingress/development/iris-development',
    ]);
    expect(stale.map((r) => `${r.kind}/${r.name}`)).toEqual(['HorizontalPodAutoscaler/iris-development-a1b2c3', 'Secret/iris-development-a1b2c3-git-ssh', 'Secret/iris-development-a1b2c3-db']);
  });

  it('renders only objects a real API server accepts, in every configuration', () => {
    const inputs = [
      renderInput(),
      renderInput({
        spec: { image: 'example/iris:2', minReplicas: 2, maxReplicas: 6, cpuThreshold: 70, strategy: 'Recreate', cpuLimit: '2', memoryLimit: '1Gi', env: [{ name: 'THREADS', value: '4' }] },
        cluster: { grpcAnnotationPreset: 'nghttpx', ingressClass: null, nodePinning: true, serviceDb: { host: 'db', port: 3306, database: 'drucker', user: 'svc' }, serviceDbPassword: 'pw' },
        application: { gitSshKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----' },
        model: { path: '/mnt/drucker-model/iris/iris-v1/model.pkl' },
      }),
      renderInput({ cluster: { grpcAnnotationPreset: 'none', modelStorage: { write: { kind: 's3', bucket: 'm', prefix: 'p' }, pods: { kind: 'pvc', claimName: 'models' }, mountPath: '/models' } } }),
    ];
    for (const input of inputs) {
      for (const obj of renderService(input).objects) expect(apiServerProblems(obj), `${obj.kind} ${obj.metadata.name}`).toEqual([]);
    }
  });

  it('(the API-server check itself refuses what a cluster refuses)', () => {
    const deployment = deploymentOf(renderService(renderInput()).objects);
    const broken = structuredClone(deployment);
    const container = broken.spec?.template.spec?.containers[0];
    if (!container?.resources?.requests || !container.ports?.[0]) throw new Error('fixture changed');
    container.resources.requests.cpu = 'lots';
    container.ports[0].name = 'grpc-port-too-long';
    broken.metadata.labels = { ...broken.metadata.labels, 'drucker.io/display': 'Iris A' };
    const problems = apiServerProblems(broken).join('\n');
    expect(problems).toContain('requests/cpu must match format "quantity"');
    expect(problems).toContain('port name grpc-port-too-long');
    expect(problems).toContain('label drucker.io/display=Iris A: bad value');
  });

  it('keeps every name a DNS-1123 label of at most 63 characters, even for the longest application and level', () => {
    const app = 'a'.repeat(40);
    const k8sName = `${app}-development-abcdef`;
    const { objects } = renderService(renderInput({ application: { name: app }, service: { k8sName, level: 'development' } }));
    for (const obj of objects) {
      expect(obj.metadata.name.length, obj.metadata.name).toBeLessThanOrEqual(63);
      expect(obj.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it('labels every object under drucker.io/ with the original app label, and selects pods by service id', () => {
    const { objects } = renderService(renderInput());
    for (const obj of objects.filter((o) => o.kind !== 'Namespace')) {
      expect(obj.metadata.labels).toMatchObject({ app: 'iris', 'drucker.io/application': 'iris', 'drucker.io/application-id': '7', 'drucker.io/level': 'development', 'drucker.io/managed-by': 'drucker' });
    }
    const deployment = deploymentOf(objects);
    expect(deployment.metadata.labels).toMatchObject({ 'drucker.io/service-id': '42', 'drucker.io/service': 'iris-development-a1b2c3' });
    expect(deployment.spec?.selector.matchLabels).toEqual({ 'drucker.io/service-id': '42' });
    expect(deployment.spec?.template.metadata?.labels).toMatchObject({ ...deployment.spec?.selector.matchLabels, app: 'iris' });
    expect(find<Service>(objects, 'Service', 'iris-development-a1b2c3').spec?.selector).toEqual({ 'drucker.io/service-id': '42' });
  });

  it('puts the rollout id and revision on the Deployment, not the pod template (a new rollout alone does not roll pods)', () => {
    const a = renderService(renderInput({ rollout: { id: 1, revision: 1 } })).objects;
    const b = renderService(renderInput({ rollout: { id: 2, revision: 2 } })).objects;
    expect(deploymentOf(b).metadata.annotations).toEqual({ 'drucker.io/rollout-id': '2', 'drucker.io/revision': '2', 'drucker.io/display-name': 'Iris A' });
    expect(deploymentOf(a).spec?.template).toEqual(deploymentOf(b).spec?.template);
  });

  it('sets every Drucker runtime variable, then the service own variables', () => {
    const { objects } = renderService(renderInput({ spec: { image: 'example/iris:1', port: 5001, memo: 'restart please', env: [{ name: 'THREADS', value: '4' }] } }));
    expect(envOf(objects)).toEqual([
      { name: 'DRUCKER_SERVICE_UPDATE_FLAG', value: 'restart please' },
      { name: 'DRUCKER_TEST_MODE', value: 'False' },
      { name: 'DRUCKER_APPLICATION_NAME', value: 'iris' },
      { name: 'DRUCKER_SERVICE_LEVEL', value: 'development' },
      { name: 'DRUCKER_SERVICE_NAME', value: 'iris-development-a1b2c3' },
      { name: 'DRUCKER_SERVICE_PORT', value: '5001' },
      { name: 'DRUCKER_SERVICE_INFRA', value: 'kubernetes' },
      { name: 'DRUCKER_SERVICE_GIT_URL', value: 'git@github.com:example/iris.git' },
      { name: 'DRUCKER_SERVICE_GIT_BRANCH', value: 'main' },
      { name: 'DRUCKER_SERVICE_BOOT_SHELL', value: 'start.sh' },
      { name: 'DRUCKER_SERVICE_MODEL_DIR', value: '/mnt/drucker-model' },
      { name: 'THREADS', value: '4' },
    ]);
  });

  it('sets the model file only when a model is assigned', () => {
    expect(envValue(renderService(renderInput()).objects, 'DRUCKER_SERVICE_MODEL_FILE')).toBeUndefined();
    const withModel = renderService(renderInput({ model: { path: '/mnt/drucker-model/iris/iris-v2/model.pkl' } })).objects;
    expect(envValue(withModel, 'DRUCKER_SERVICE_MODEL_FILE')).toEqual({ name: 'DRUCKER_SERVICE_MODEL_FILE', value: '/mnt/drucker-model/iris/iris-v2/model.pkl' });
  });

  it('passes the service database, with the password from a Secret and never in clear', () => {
    const input = renderInput({ cluster: { serviceDb: { host: 'mysql.db', port: 3307, database: 'drucker_svc', user: 'svc' }, serviceDbPassword: 'hunter2-secret' } });
    const { objects } = renderService(input);
    expect(envOf(objects).filter((e) => e.name.startsWith('DRUCKER_DB'))).toEqual([
      { name: 'DRUCKER_DB_MODE', value: 'mysql' },
      { name: 'DRUCKER_DB_MYSQL_HOST', value: 'mysql.db' },
      { name: 'DRUCKER_DB_MYSQL_PORT', value: '3307' },
      { name: 'DRUCKER_DB_MYSQL_DBNAME', value: 'drucker_svc' },
      { name: 'DRUCKER_DB_MYSQL_USER', value: 'svc' },
      { name: 'DRUCKER_DB_MYSQL_PASSWORD', valueFrom: { secretKeyRef: { name: 'iris-development-a1b2c3-db', key: 'password' } } },
    ]);
    const secret = find<Secret>(objects, 'Secret', 'iris-development-a1b2c3-db');
    expect(Buffer.from(secret.data?.password ?? '', 'base64').toString()).toBe('hunter2-secret');
    expect(JSON.stringify(deploymentOf(objects))).not.toContain('hunter2');
    expect(() => renderService(renderInput({ cluster: { serviceDb: { host: 'h', port: 1, database: 'd', user: 'u' }, serviceDbPassword: null } }))).toThrow('no password');
  });

  it("lets a service's own variable replace a runtime one, once, even past the spec's own checks", () => {
    // The spec schema refuses DRUCKER_ names and duplicates; rows written before it still render.
    const input = renderInput();
    const { objects } = renderService({ ...input, spec: { ...input.spec, env: [{ name: 'DRUCKER_TEST_MODE', value: 'True' }, { name: 'A', value: '1' }, { name: 'A', value: '2' }] } });
    const names = envOf(objects).map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(envValue(objects, 'DRUCKER_TEST_MODE')?.value).toBe('True');
    expect(envValue(objects, 'A')?.value).toBe('2');
  });

  it('defaults limits to the requests and refuses a limit below its request', () => {
    expect(containerOf(renderService(renderInput({ spec: { image: 'x:1', cpuRequest: '250m', memoryRequest: '256Mi' } })).objects).resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '250m', memory: '256Mi' },
    });
    expect(containerOf(renderService(renderInput({ spec: { image: 'x:1', cpuRequest: '250m', cpuLimit: '1', memoryRequest: '1Gi', memoryLimit: '1536Mi' } })).objects).resources?.limits).toEqual({ cpu: '1', memory: '1536Mi' });
    // The spec schema refuses these too; the renderer checks its own input all the same.
    const input = renderInput();
    expect(() => renderService({ ...input, spec: { ...input.spec, cpuRequest: '1', cpuLimit: '500m' } })).toThrow('the CPU limit 500m is below the CPU request 1');
    expect(() => renderService({ ...input, spec: { ...input.spec, memoryRequest: '1Gi', memoryLimit: '512Mi' } })).toThrow('the memory limit 512Mi is below the memory request 1Gi');
  });

  it('names the port grpc and probes readiness over TCP on it', () => {
    const container = containerOf(renderService(renderInput({ spec: { image: 'x:1', port: 8500 } })).objects);
    expect(container.ports).toEqual([{ name: 'grpc', containerPort: 8500, protocol: 'TCP' }]);
    expect(container.readinessProbe?.tcpSocket).toEqual({ port: 'grpc' });
    expect(container.image).toBe('x:1');
  });

  it('rolls with RollingUpdate limits or Recreate, and carries minReadySeconds and the progress deadline', () => {
    const rolling = deploymentOf(renderService(renderInput({ spec: { image: 'x:1', maxSurge: 1, maxUnavailable: '10%', minReadySeconds: 15, progressDeadlineSeconds: 300 } })).objects).spec;
    expect(rolling?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '10%' } });
    expect(rolling?.minReadySeconds).toBe(15);
    expect(rolling?.progressDeadlineSeconds).toBe(300);
    expect(deploymentOf(renderService(renderInput({ spec: { image: 'x:1', strategy: 'Recreate' } })).objects).spec?.strategy).toEqual({ type: 'Recreate' });
  });

  it('sets replicas, or leaves them to an HPA (autoscaling/v2 on CPU) when autoscaling is on', () => {
    const fixed = renderService(renderInput({ spec: { image: 'x:1', replicas: 3 } }));
    expect(deploymentOf(fixed.objects).spec?.replicas).toBe(3);
    expect(fixed.objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);

    const scaled = renderService(renderInput({ spec: { image: 'x:1', replicas: 3, minReplicas: 2, maxReplicas: 10, cpuThreshold: 65 } }));
    expect(deploymentOf(scaled.objects).spec).not.toHaveProperty('replicas');
    expect(find<HorizontalPodAutoscaler>(scaled.objects, 'HorizontalPodAutoscaler').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'iris-development-a1b2c3' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } } }],
    });
    expect(scaled.stale.map((r) => r.kind)).not.toContain('HorizontalPodAutoscaler');
    const defaultThreshold = renderService(renderInput({ spec: { image: 'x:1', minReplicas: 1, maxReplicas: 2 } }));
    expect(find<HorizontalPodAutoscaler>(defaultThreshold.objects, 'HorizontalPodAutoscaler').spec?.metrics?.[0]?.resource?.target.averageUtilization).toBe(80);
  });

  it('mounts the model storage as a hostPath or a PVC at the pod model directory', () => {
    const host = renderService(renderInput()).objects;
    expect(podOf(host).volumes).toEqual([{ name: 'drucker-model', hostPath: { path: '/mnt/drucker-model', type: 'DirectoryOrCreate' } }]);
    expect(containerOf(host).volumeMounts).toEqual([{ name: 'drucker-model', mountPath: '/mnt/drucker-model' }]);

    const pvc = renderService(renderInput({ cluster: { modelStorage: { write: { kind: 'fs', dir: '/srv' }, pods: { kind: 'pvc', claimName: 'model-store' }, mountPath: '/models' } } })).objects;
    expect(podOf(pvc).volumes).toEqual([{ name: 'drucker-model', persistentVolumeClaim: { claimName: 'model-store' } }]);
    expect(containerOf(pvc).volumeMounts).toEqual([{ name: 'drucker-model', mountPath: '/models' }]);
    expect(envValue(pvc, 'DRUCKER_SERVICE_MODEL_DIR')?.value).toBe('/models');
  });

  it('mounts the git SSH key from a Secret at /root/.ssh with mode 0400, when the application has one', () => {
    const { objects, stale } = renderService(renderInput({ application: { gitSshKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nkey\n-----END OPENSSH PRIVATE KEY-----' } }));
    const secret = find<Secret>(objects, 'Secret', 'iris-development-a1b2c3-git-ssh');
    expect(Buffer.from(secret.data?.id_rsa ?? '', 'base64').toString()).toBe('-----BEGIN OPENSSH PRIVATE KEY-----\nkey\n-----END OPENSSH PRIVATE KEY-----\n');
    expect(podOf(objects).volumes).toContainEqual({
      name: 'git-ssh',
      secret: { secretName: 'iris-development-a1b2c3-git-ssh', defaultMode: 0o400, items: [{ key: 'id_rsa', path: 'id_rsa', mode: 0o400 }] },
    });
    expect(containerOf(objects).volumeMounts).toContainEqual({ name: 'git-ssh', mountPath: '/root/.ssh', readOnly: true });
    expect(objects.findIndex((o) => o.kind === 'Secret')).toBeLessThan(objects.findIndex((o) => o.kind === 'Deployment'));
    expect(stale.map((r) => r.name)).not.toContain('iris-development-a1b2c3-git-ssh');
  });

  it('pins pods to nodes labelled host=<level> only when the cluster asks', () => {
    expect(podOf(renderService(renderInput()).objects).nodeSelector).toBeUndefined();
    expect(podOf(renderService(renderInput({ cluster: { nodePinning: true }, service: { level: 'production', namespace: 'production', k8sName: 'iris-production-a1b2c3' } })).objects).nodeSelector).toEqual({ host: 'production' });
  });

  it('gives the service its own host and the level the shared <app>-<level> host', () => {
    const { objects } = renderService(renderInput());
    const own = find<Ingress>(objects, 'Ingress', 'iris-development-a1b2c3');
    expect(own.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'iris-development-a1b2c3.models.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'iris-development-a1b2c3', port: { number: 5000 } } } }] } }],
    });
    const level = find<Ingress>(objects, 'Ingress', 'iris-development');
    expect(level.spec?.rules?.[0]?.host).toBe('iris-development.models.example.com');
    expect(level.spec?.rules?.[0]?.http?.paths[0]?.backend.service).toEqual({ name: 'iris-development', port: { number: 5000 } });
    const levelService = find<Service>(objects, 'Service', 'iris-development');
    expect(levelService.spec?.selector).toEqual({ 'drucker.io/application-id': '7', 'drucker.io/level': 'development' });
    expect(levelService.spec?.ports).toEqual([{ name: 'grpc', port: 5000, targetPort: 'grpc', protocol: 'TCP' }]);
  });

  it('adds the gRPC backend annotations of the cluster preset', () => {
    const annotations = (preset: 'nginx' | 'nghttpx' | 'none') =>
      renderService(renderInput({ spec: { image: 'x:1', port: 8500 }, cluster: { grpcAnnotationPreset: preset } }))
        .objects.filter((o) => o.kind === 'Ingress')
        .map((o) => o.metadata.annotations);
    expect(annotations('nginx')).toEqual([{ 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' }, { 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' }]);
    expect(annotations('nghttpx')).toEqual([
      { 'ingress.zlab.co.jp/backend-config': '{"iris-development-a1b2c3":{"8500":{"proto":"h2"}}}' },
      { 'ingress.zlab.co.jp/backend-config': '{"iris-development":{"5000":{"proto":"h2"}}}' },
    ]);
    expect(annotations('none')).toEqual([undefined, undefined]);
  });

  it('leaves out the ingress class when the cluster has none', () => {
    const ingress = find<Ingress>(renderService(renderInput({ cluster: { ingressClass: null } })).objects, 'Ingress');
    expect(ingress.spec).not.toHaveProperty('ingressClassName');
  });

  it('renders the same level objects for every service of an A/B pair', () => {
    const level = (k8sName: string, id: number) =>
      renderService(renderInput({ service: { id, k8sName } })).objects.filter((o) => o.metadata.name === 'iris-development' || o.kind === 'Namespace');
    expect(level('iris-development-aaaaaa', 1)).toEqual(level('iris-development-bbbbbb', 2));
  });

  it('changes the pod template when only the memo changes (a restart rolls the pods)', () => {
    const a = deploymentOf(renderService(renderInput({ spec: { image: 'x:1', memo: '' } })).objects);
    const b = deploymentOf(renderService(renderInput({ spec: { image: 'x:1', memo: 'restart 2' } })).objects);
    expect(a.spec?.template).not.toEqual(b.spec?.template);
  });

  it('refuses names a cluster would refuse, saying which', () => {
    expect(() => renderService(renderInput({ cluster: { dnsName: 'Bad_DNS' } }))).toThrow(`the cluster's DNS name "Bad_DNS" is not a valid DNS name`);
    expect(() => renderService(renderInput({ service: { namespace: 'Prod' } }))).toThrow('the namespace "Prod" is not a DNS-1123 label');
  });
});

describe('objectsToRemove', () => {
  const service = { k8sName: 'iris-beta-abc123', namespace: 'beta', level: 'beta' };
  it("lists the service's objects, ingress first and secrets last", () => {
    expect(objectsToRemove({ service, applicationName: 'iris', lastOfLevel: false }).map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}`)).toEqual([
      'Ingress/beta/iris-beta-abc123',
      'Service/beta/iris-beta-abc123',
      'HorizontalPodAutoscaler/beta/iris-beta-abc123',
      'Deployment/beta/iris-beta-abc123',
      'Secret/beta/iris-beta-abc123-git-ssh',
      'Secret/beta/iris-beta-abc123-db',
    ]);
  });

  it("adds the level's Ingress and Service when it was the last service of its level, never the namespace", () => {
    const refs = objectsToRemove({ service, applicationName: 'iris', lastOfLevel: true });
    expect(refs.slice(0, 2).map((r) => `${r.kind}/${r.name}`)).toEqual(['Ingress/iris-beta', 'Service/iris-beta']);
    expect(refs.some((r) => r.kind === 'Namespace')).toBe(false);
  });
});

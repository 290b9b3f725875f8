import { serviceSpecSchema, type ServiceSpecInput } from '../services/spec.ts';
import type { ManifestApplication, ManifestCluster, ManifestService, RenderInput } from './input.ts';

// A complete render input for tests (unit and integration), each part overridable.

type Overrides = {
  spec?: ServiceSpecInput;
  cluster?: Partial<ManifestCluster>;
  application?: Partial<ManifestApplication>;
  service?: Partial<ManifestService>;
  model?: RenderInput['model'];
  rollout?: RenderInput['rollout'];
};

export function renderInput(over: Overrides = {}): RenderInput {
  return {
    spec: serviceSpecSchema.parse(over.spec ?? { image: 'example/iris:1' }),
    cluster: {
      dnsName: 'models.example.com',
      ingressClass: 'nginx',
      grpcAnnotationPreset: 'nginx',
      nodePinning: false,
      modelStorage: { write: { kind: 'fs', dir: './data/clusters/x' }, pods: { kind: 'hostPath', path: '/mnt/drucker-model' }, mountPath: '/mnt/drucker-model' },
      serviceDb: null,
      serviceDbPassword: null,
      ...over.cluster,
    },
    application: { id: 7, name: 'iris', gitUrl: 'git@github.com:example/iris.git', gitBranch: 'main', bootScript: 'start.sh', gitSshKey: null, ...over.application },
    service: { id: 42, k8sName: 'iris-development-a1b2c3', level: 'development', namespace: 'development', displayName: 'Iris A', ...over.service },
    model: over.model === undefined ? null : over.model,
    rollout: over.rollout ?? { id: 1001, revision: 3 },
  };
}

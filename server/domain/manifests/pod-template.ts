import type { Container, PodTemplateSpec, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import { AppError } from '../../errors.ts';
import type { RenderInput } from './input.ts';
import { serviceLabels } from './labels.ts';
import { parseQuantity } from './quantity.ts';
import { runtimeEnv } from './runtime-env.ts';
import { SSH_KEY_FILE, sshSecretName } from './secrets.ts';

export const CONTAINER_NAME = 'drucker-service';
export const PORT_NAME = 'grpc';
const MODEL_VOLUME = 'drucker-model';
const SSH_VOLUME = 'git-ssh';
const SSH_MOUNT = '/root/.ssh';
// 0400: ssh refuses a private key that others can read.
const SSH_KEY_MODE = 0o400;

function limit(kind: 'CPU' | 'memory', request: string, limitValue: string | undefined): string {
  if (limitValue === undefined) return request;
  const req = parseQuantity(request);
  const lim = parseQuantity(limitValue);
  if (req !== undefined && lim !== undefined && lim < req) {
    throw new AppError('BAD_REQUEST', `the ${kind} limit ${limitValue} is below the ${kind} request ${request}; raise the limit or lower the request`);
  }
  return limitValue;
}

function volumes(input: RenderInput): { volumes: Volume[]; mounts: VolumeMount[] } {
  const storage = input.cluster.modelStorage;
  const model: Volume =
    storage.pods.kind === 'hostPath'
      ? { name: MODEL_VOLUME, hostPath: { path: storage.pods.path, type: 'DirectoryOrCreate' } }
      : { name: MODEL_VOLUME, persistentVolumeClaim: { claimName: storage.pods.claimName } };
  const list: Volume[] = [model];
  const mounts: VolumeMount[] = [{ name: MODEL_VOLUME, mountPath: storage.mountPath }];
  if (input.application.gitSshKey) {
    list.push({ name: SSH_VOLUME, secret: { secretName: sshSecretName(input.service.k8sName), defaultMode: SSH_KEY_MODE, items: [{ key: SSH_KEY_FILE, path: SSH_KEY_FILE, mode: SSH_KEY_MODE }] } });
    mounts.push({ name: SSH_VOLUME, mountPath: SSH_MOUNT, readOnly: true });
  }
  return { volumes: list, mounts };
}

export function renderPodTemplate(input: RenderInput): PodTemplateSpec {
  const { spec, service, application, cluster } = input;
  const { volumes: podVolumes, mounts } = volumes(input);
  const container: Container = {
    name: CONTAINER_NAME,
    image: spec.image,
    ports: [{ name: PORT_NAME, containerPort: spec.port, protocol: 'TCP' }],
    env: runtimeEnv(input),
    resources: {
      requests: { cpu: spec.cpuRequest, memory: spec.memoryRequest },
      limits: { cpu: limit('CPU', spec.cpuRequest, spec.cpuLimit), memory: limit('memory', spec.memoryRequest, spec.memoryLimit) },
    },
    // Ready once the gRPC port accepts connections, as the original's TCP check did.
    readinessProbe: { tcpSocket: { port: PORT_NAME }, periodSeconds: 5, failureThreshold: 3 },
    volumeMounts: mounts,
  };
  return {
    metadata: { labels: serviceLabels(application, service) },
    spec: {
      containers: [container],
      volumes: podVolumes,
      ...(cluster.nodePinning ? { nodeSelector: { host: service.level } } : {}),
    },
  };
}

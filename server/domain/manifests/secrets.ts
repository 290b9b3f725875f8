import type { Secret } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../kube/cluster-client.ts';
import type { RenderInput } from './input.ts';
import { serviceLabels } from './labels.ts';

// Per-service Secrets: the application's git SSH key (mounted at /root/.ssh, replacing the
// original's hostPath) and the service database password (read through secretKeyRef).

export const SSH_KEY_FILE = 'id_rsa';
export const DB_PASSWORD_KEY = 'password';

export const sshSecretName = (k8sName: string) => `${k8sName}-git-ssh`;
export const dbSecretName = (k8sName: string) => `${k8sName}-db`;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function renderSecrets(input: RenderInput): (KubeObject & Secret)[] {
  const { application: app, service, cluster } = input;
  const metadata = (name: string) => ({ name, namespace: service.namespace, labels: serviceLabels(app, service) });
  const secrets: (KubeObject & Secret)[] = [];
  if (app.gitSshKey) {
    // ssh refuses a key without its final newline.
    const key = app.gitSshKey.endsWith('\n') ? app.gitSshKey : `${app.gitSshKey}\n`;
    secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: metadata(sshSecretName(service.k8sName)), type: 'Opaque', data: { [SSH_KEY_FILE]: b64(key) } });
  }
  if (cluster.serviceDb) {
    if (cluster.serviceDbPassword === null) throw new Error('the cluster has a service database but no password was given to the renderer');
    secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: metadata(dbSecretName(service.k8sName)), type: 'Opaque', data: { [DB_PASSWORD_KEY]: b64(cluster.serviceDbPassword) } });
  }
  return secrets;
}

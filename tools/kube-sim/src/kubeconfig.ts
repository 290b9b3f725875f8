import { stringify } from 'yaml';

/** A kubeconfig with one cluster, one token user and the context `kube-sim`. */
export function kubeconfigYaml(opts: { url: string; token: string; caPem?: string }): string {
  const cluster: Record<string, unknown> = { server: opts.url };
  if (opts.caPem) cluster['certificate-authority-data'] = Buffer.from(opts.caPem).toString('base64');
  // Plain HTTP: @kubernetes/client-node still wants a TLS setting, so say explicitly there is none.
  else cluster['insecure-skip-tls-verify'] = true;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kube-sim', cluster }],
    users: [{ name: 'kube-sim', user: { token: opts.token } }],
    contexts: [{ name: 'kube-sim', context: { cluster: 'kube-sim', user: 'kube-sim', namespace: 'default' } }],
    'current-context': 'kube-sim',
    preferences: {},
  });
}

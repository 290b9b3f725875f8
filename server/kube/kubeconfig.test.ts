import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KubeconfigError, listContexts, minifyKubeconfig, resolveKubeconfig } from './kubeconfig.ts';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');

function kubeconfig(over: { clusters?: unknown[]; users?: unknown[]; contexts?: unknown[]; current?: string } = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: over.clusters ?? [
      { name: 'prod', cluster: { server: 'https://prod.example.com:6443', 'certificate-authority-data': CA } },
      { name: 'dev', cluster: { server: 'https://dev.example.com', 'insecure-skip-tls-verify': true } },
    ],
    users: over.users ?? [
      { name: 'drucker', user: { token: 'secret-token' } },
      { name: 'certs', user: { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' } },
    ],
    contexts: over.contexts ?? [
      { name: 'prod', context: { cluster: 'prod', user: 'drucker', namespace: 'ml' } },
      { name: 'dev', context: { cluster: 'dev', user: 'certs' } },
    ],
    'current-context': over.current ?? 'prod',
  });
}

function problemOf(text: string, context?: string): string {
  try {
    resolveKubeconfig(text, context);
  } catch (e) {
    if (e instanceof KubeconfigError) return e.message;
    throw e;
  }
  throw new Error('expected a KubeconfigError');
}

describe('listContexts', () => {
  it('lists every context with its cluster, server, user and namespace, and the current one', () => {
    expect(listContexts(kubeconfig())).toEqual({
      currentContext: 'prod',
      contexts: [
        { name: 'prod', cluster: 'prod', server: 'https://prod.example.com:6443', user: 'drucker', namespace: 'ml' },
        { name: 'dev', cluster: 'dev', server: 'https://dev.example.com', user: 'certs' },
      ],
    });
  });

  it('reads YAML as kubectl writes it', () => {
    const yaml = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${CA}
    server: https://10.0.0.1
  name: c1
contexts:
- context:
    cluster: c1
    user: u1
  name: ctx1
current-context: ctx1
users:
- name: u1
  user:
    token: abc
`;
    expect(listContexts(yaml).contexts).toEqual([{ name: 'ctx1', cluster: 'c1', server: 'https://10.0.0.1', user: 'u1' }]);
  });

  it('marks a context it cannot use with the reason, and keeps listing the others', () => {
    const text = kubeconfig({
      users: [{ name: 'drucker', user: { token: 't' } }, { name: 'eks', user: { exec: { command: 'aws', args: ['eks', 'get-token'] } } }],
      contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'drucker' } }, { name: 'eks', context: { cluster: 'prod', user: 'eks' } }],
    });
    const { contexts } = listContexts(text);
    expect(contexts[0]?.problem).toBeUndefined();
    expect(contexts[1]?.problem).toContain('exec plugin');
  });

  it('refuses what is not a kubeconfig, clearly', () => {
    expect(() => listContexts('')).toThrow('the kubeconfig is empty');
    expect(() => listContexts('clusters: [unclosed')).toThrow(/not valid YAML/);
    expect(() => listContexts('- a\n- b\n')).toThrow(/not a YAML mapping/);
    expect(() => listContexts('kind: Deployment\napiVersion: apps/v1\n')).toThrow('this is a "Deployment", not a kubeconfig');
    expect(() => listContexts(kubeconfig({ contexts: [] }))).toThrow('the kubeconfig has no contexts');
    expect(() => listContexts('a: 1\na: 2\n')).toThrow(/not valid YAML/);
  });
});

describe('resolveKubeconfig', () => {
  it('uses the named context, else the current one, else the only one', () => {
    expect(resolveKubeconfig(kubeconfig(), 'dev').context.name).toBe('dev');
    expect(resolveKubeconfig(kubeconfig()).context.name).toBe('prod');
    const single = kubeconfig({ contexts: [{ name: 'only', context: { cluster: 'dev', user: 'drucker' } }], current: '' });
    expect(resolveKubeconfig(single).context.name).toBe('only');
  });

  it('returns the embedded credentials only', () => {
    expect(resolveKubeconfig(kubeconfig(), 'prod')).toEqual({
      context: { name: 'prod', cluster: 'prod', server: 'https://prod.example.com:6443', user: 'drucker', namespace: 'ml' },
      cluster: { server: 'https://prod.example.com:6443', caData: CA, skipTlsVerify: false, tlsServerName: undefined },
      user: { token: 'secret-token', certData: undefined, keyData: undefined, username: undefined, password: undefined },
    });
    expect(resolveKubeconfig(kubeconfig(), 'dev').user).toMatchObject({ certData: 'Y2VydA==', keyData: 'a2V5' });
  });

  it('asks to pick a context when there are several and none is current', () => {
    const text = kubeconfig({ current: '' });
    expect(problemOf(text)).toBe('the kubeconfig has 2 contexts and no current-context; pick one of "prod", "dev"');
    expect(problemOf(kubeconfig(), 'staging')).toBe('the kubeconfig has no context "staging"; it has "prod", "dev"');
    expect(problemOf(kubeconfig({ current: 'gone' }))).toContain('current-context "gone" is not one of its contexts');
  });

  it('names a missing cluster or user', () => {
    const text = kubeconfig({ contexts: [{ name: 'a', context: { cluster: 'nope', user: 'drucker' } }, { name: 'b', context: { cluster: 'prod', user: 'nobody' } }] });
    expect(problemOf(text, 'a')).toBe('context "a" names the cluster "nope", which is not in the kubeconfig\'s clusters');
    expect(problemOf(text, 'b')).toBe('context "b" names the user "nobody", which is not in the kubeconfig\'s users');
  });

  it('refuses exec and auth-provider plugins: the server cannot run them', () => {
    const exec = kubeconfig({ users: [{ name: 'drucker', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'gke-gcloud-auth-plugin' } } }] });
    expect(problemOf(exec, 'prod')).toMatch(/user "drucker" authenticates with an exec plugin, which the server cannot run; use a ServiceAccount token/);
    const provider = kubeconfig({ users: [{ name: 'drucker', user: { 'auth-provider': { name: 'oidc', config: {} } } }] });
    expect(problemOf(provider, 'prod')).toMatch(/auth-provider plugin, which the server cannot run/);
  });

  it('refuses file references and says how to embed them', () => {
    const caFile = kubeconfig({ clusters: [{ name: 'prod', cluster: { server: 'https://p', 'certificate-authority': '/etc/kubernetes/ca.crt' } }] });
    expect(problemOf(caFile, 'prod')).toBe(
      'cluster "prod" refers to a certificate-authority file; embed the files with `kubectl config view --flatten --minify --context <name>` and upload that output',
    );
    for (const key of ['client-certificate', 'client-key', 'tokenFile']) {
      const text = kubeconfig({ users: [{ name: 'drucker', user: { [key]: '/home/me/.kube/x' } }] });
      expect(problemOf(text, 'prod')).toContain(`user "drucker" refers to a ${key} file; embed the files with \`kubectl config view --flatten --minify`);
    }
  });

  it('checks the server URL and TLS settings', () => {
    const cluster = (c: Record<string, unknown>) => kubeconfig({ clusters: [{ name: 'prod', cluster: c }] });
    expect(problemOf(cluster({}), 'prod')).toBe('cluster "prod" has no server URL');
    expect(problemOf(cluster({ server: 'not a url' }), 'prod')).toContain('is not a URL');
    expect(problemOf(cluster({ server: 'ftp://x' }), 'prod')).toContain('must be an https:// URL');
    expect(problemOf(cluster({ server: 'http://x:8080' }), 'prod')).toContain('plain http://');
    expect(resolveKubeconfig(cluster({ server: 'http://x:8080', 'insecure-skip-tls-verify': true }), 'prod').cluster.skipTlsVerify).toBe(true);
    expect(problemOf(cluster({ server: 'https://x', 'proxy-url': 'http://proxy:3128' }), 'prod')).toContain('proxy-url');
  });

  it('wants a client certificate together with its key', () => {
    const text = kubeconfig({ users: [{ name: 'drucker', user: { 'client-certificate-data': 'Y2VydA==' } }] });
    expect(problemOf(text, 'prod')).toContain('client certificate without its key');
  });
});

describe('minifyKubeconfig', () => {
  it('keeps only the chosen context, its cluster and its user', () => {
    const doc = parse(minifyKubeconfig(kubeconfig(), 'dev')) as Record<string, unknown>;
    expect(doc).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'dev', cluster: { server: 'https://dev.example.com', 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'certs', user: { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' } }],
      contexts: [{ name: 'dev', context: { cluster: 'dev', user: 'certs' } }],
      'current-context': 'dev',
    });
    expect(minifyKubeconfig(kubeconfig(), 'dev')).not.toContain('secret-token');
  });
});

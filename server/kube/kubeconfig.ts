import { parse, stringify } from 'yaml';

// Kubeconfigs arrive as text from an admin's upload. The server connects with them, so they may
// carry only embedded data: a file path would make the server read its own disk (and send a token
// file's content to whatever server the kubeconfig names), and an exec or auth-provider plugin
// would run a binary of the user's choosing on the server. Both are refused with a way out.

const MAX_BYTES = 1024 * 1024;
const FLATTEN = 'embed the files with `kubectl config view --flatten --minify --context <name>` and upload that output';

export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

/** One context as a person picks it; `problem` says why Drucker cannot use it, if it cannot. */
export type KubeContext = { name: string; cluster: string; server: string; user: string; namespace?: string; problem?: string };
export type KubeconfigSummary = { contexts: KubeContext[]; currentContext?: string };

export type KubeClusterEntry = { server: string; caData?: string; skipTlsVerify: boolean; tlsServerName?: string };
export type KubeUserEntry = { token?: string; certData?: string; keyData?: string; username?: string; password?: string };
/** A usable context with only the embedded data the connection needs. */
export type ResolvedKubeconfig = { context: KubeContext; cluster: KubeClusterEntry; user: KubeUserEntry };

type Named = { name: string; body: Record<string, unknown> };
type Parsed = { clusters: Named[]; users: Named[]; contexts: Named[]; currentContext?: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(body: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new KubeconfigError(`${where}: ${key} must be a string`);
  return v;
}

function namedList(doc: Record<string, unknown>, key: 'clusters' | 'users' | 'contexts', inner: string): Named[] {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new KubeconfigError(`the kubeconfig's ${key} must be a list`);
  return list.map((entry, i) => {
    if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '') {
      throw new KubeconfigError(`${key}[${i}] has no name`);
    }
    const body = entry[inner] ?? {};
    if (!isRecord(body)) throw new KubeconfigError(`${key}[${i}] (${entry.name}): ${inner} must be a mapping`);
    return { name: entry.name, body };
  });
}

function parseDocument(text: string): Parsed {
  if (Buffer.byteLength(text, 'utf8') > MAX_BYTES) throw new KubeconfigError('the kubeconfig is larger than 1 MiB; upload one with only the context Drucker should use');
  if (text.trim() === '') throw new KubeconfigError('the kubeconfig is empty');
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true, maxAliasCount: 50 });
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new KubeconfigError(`the kubeconfig is not valid YAML: ${detail}`);
  }
  if (!isRecord(doc)) throw new KubeconfigError('the kubeconfig is not a YAML mapping (expected apiVersion, kind: Config, clusters, users, contexts)');
  if (doc.kind !== undefined && doc.kind !== 'Config') throw new KubeconfigError(`this is a ${JSON.stringify(doc.kind)}, not a kubeconfig (kind: Config)`);
  const contexts = namedList(doc, 'contexts', 'context');
  if (contexts.length === 0) throw new KubeconfigError('the kubeconfig has no contexts; it needs at least one context naming a cluster and a user');
  const current = doc['current-context'];
  return {
    clusters: namedList(doc, 'clusters', 'cluster'),
    users: namedList(doc, 'users', 'user'),
    contexts,
    currentContext: typeof current === 'string' && current !== '' ? current : undefined,
  };
}

function clusterEntry(c: Named): KubeClusterEntry {
  const where = `cluster "${c.name}"`;
  const server = optionalString(c.body, 'server', where);
  if (!server) throw new KubeconfigError(`${where} has no server URL`);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError(`${where}: server "${server}" is not a URL (expected https://host:port)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new KubeconfigError(`${where}: server must be an https:// URL, not ${url.protocol}`);
  if (optionalString(c.body, 'certificate-authority', where)) throw new KubeconfigError(`${where} refers to a certificate-authority file; ${FLATTEN}`);
  if (c.body['proxy-url'] !== undefined) throw new KubeconfigError(`${where} uses proxy-url, which Drucker does not support: it connects to the API server directly`);
  const skip = c.body['insecure-skip-tls-verify'];
  if (skip !== undefined && typeof skip !== 'boolean') throw new KubeconfigError(`${where}: insecure-skip-tls-verify must be true or false`);
  if (url.protocol === 'http:' && skip !== true) {
    throw new KubeconfigError(`${where}: server is plain http://; use https://, or set insecure-skip-tls-verify: true to accept an unencrypted connection`);
  }
  return {
    server: server.replace(/\/+$/, ''),
    caData: optionalString(c.body, 'certificate-authority-data', where),
    skipTlsVerify: skip === true,
    tlsServerName: optionalString(c.body, 'tls-server-name', where),
  };
}

function userEntry(u: Named): KubeUserEntry {
  const where = `user "${u.name}"`;
  if (u.body.exec !== undefined && u.body.exec !== null) {
    throw new KubeconfigError(`${where} authenticates with an exec plugin, which the server cannot run; use a ServiceAccount token or client certificate embedded in the kubeconfig`);
  }
  if (u.body['auth-provider'] !== undefined && u.body['auth-provider'] !== null) {
    throw new KubeconfigError(`${where} authenticates with an auth-provider plugin, which the server cannot run; use a ServiceAccount token or client certificate embedded in the kubeconfig`);
  }
  for (const key of ['tokenFile', 'client-certificate', 'client-key']) {
    if (optionalString(u.body, key, where)) throw new KubeconfigError(`${where} refers to a ${key} file; ${FLATTEN}`);
  }
  if (u.body.as !== undefined || u.body['as-groups'] !== undefined || u.body['as-uid'] !== undefined) {
    throw new KubeconfigError(`${where} impersonates another identity (as:); give Drucker credentials of its own instead`);
  }
  const user: KubeUserEntry = {
    token: optionalString(u.body, 'token', where),
    certData: optionalString(u.body, 'client-certificate-data', where),
    keyData: optionalString(u.body, 'client-key-data', where),
    username: optionalString(u.body, 'username', where),
    password: optionalString(u.body, 'password', where),
  };
  if (Boolean(user.certData) !== Boolean(user.keyData)) {
    throw new KubeconfigError(`${where} has a client certificate without its key (or a key without its certificate); embed both client-certificate-data and client-key-data`);
  }
  return user;
}

type Checked = { summary: KubeContext; resolved?: ResolvedKubeconfig };

function checkContext(doc: Parsed, ctx: Named): Checked {
  const clusterName = typeof ctx.body.cluster === 'string' ? ctx.body.cluster : '';
  const userName = typeof ctx.body.user === 'string' ? ctx.body.user : '';
  const namespace = typeof ctx.body.namespace === 'string' && ctx.body.namespace !== '' ? ctx.body.namespace : undefined;
  const cluster = doc.clusters.find((c) => c.name === clusterName);
  const server = cluster && typeof cluster.body.server === 'string' ? cluster.body.server : '';
  const summary: KubeContext = { name: ctx.name, cluster: clusterName, server, user: userName, ...(namespace ? { namespace } : {}) };
  const fail = (problem: string): Checked => ({ summary: { ...summary, problem } });
  if (!clusterName) return fail(`context "${ctx.name}" names no cluster`);
  if (!cluster) return fail(`context "${ctx.name}" names the cluster "${clusterName}", which is not in the kubeconfig's clusters`);
  const user = doc.users.find((u) => u.name === userName);
  if (userName && !user) return fail(`context "${ctx.name}" names the user "${userName}", which is not in the kubeconfig's users`);
  try {
    const resolved = { context: summary, cluster: clusterEntry(cluster), user: user ? userEntry(user) : {} };
    return { summary, resolved };
  } catch (e) {
    if (e instanceof KubeconfigError) return fail(e.message);
    throw e;
  }
}

/** The contexts of a kubeconfig, each with the problem that keeps Drucker from using it, if any. */
export function listContexts(text: string): KubeconfigSummary {
  const doc = parseDocument(text);
  const contexts = doc.contexts.map((c) => checkContext(doc, c).summary);
  const current = doc.currentContext && contexts.some((c) => c.name === doc.currentContext) ? doc.currentContext : undefined;
  return { contexts, ...(current ? { currentContext: current } : {}) };
}

/**
 * The context Drucker connects with: the named one, else the current context, else the only one.
 * Throws KubeconfigError saying what is wrong with it and what to do.
 */
export function resolveKubeconfig(text: string, context?: string): ResolvedKubeconfig {
  const doc = parseDocument(text);
  const names = doc.contexts.map((c) => c.name);
  let chosen: Named | undefined;
  if (context) {
    chosen = doc.contexts.find((c) => c.name === context);
    if (!chosen) throw new KubeconfigError(`the kubeconfig has no context "${context}"; it has ${names.map((n) => `"${n}"`).join(', ')}`);
  } else if (doc.currentContext) {
    chosen = doc.contexts.find((c) => c.name === doc.currentContext);
    if (!chosen) throw new KubeconfigError(`the kubeconfig's current-context "${doc.currentContext}" is not one of its contexts; pick one of ${names.map((n) => `"${n}"`).join(', ')}`);
  } else if (doc.contexts.length === 1) {
    chosen = doc.contexts[0];
  } else {
    throw new KubeconfigError(`the kubeconfig has ${names.length} contexts and no current-context; pick one of ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  if (!chosen) throw new KubeconfigError('the kubeconfig has no contexts');
  const checked = checkContext(doc, chosen);
  if (!checked.resolved) throw new KubeconfigError(checked.summary.problem ?? `context "${chosen.name}" cannot be used`);
  return checked.resolved;
}

/**
 * The kubeconfig reduced to one usable context, its cluster and its user (as `kubectl config view
 * --minify --flatten` would), so that only the credentials Drucker uses are stored.
 */
export function minifyKubeconfig(text: string, context?: string): string {
  const { context: ctx, cluster, user } = resolveKubeconfig(text, context);
  const clusterBody: Record<string, unknown> = { server: cluster.server };
  if (cluster.caData) clusterBody['certificate-authority-data'] = cluster.caData;
  if (cluster.skipTlsVerify) clusterBody['insecure-skip-tls-verify'] = true;
  if (cluster.tlsServerName) clusterBody['tls-server-name'] = cluster.tlsServerName;
  const userBody: Record<string, unknown> = {};
  if (user.token) userBody.token = user.token;
  if (user.certData) userBody['client-certificate-data'] = user.certData;
  if (user.keyData) userBody['client-key-data'] = user.keyData;
  if (user.username) userBody.username = user.username;
  if (user.password) userBody.password = user.password;
  const userName = ctx.user || 'drucker';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: ctx.cluster, cluster: clusterBody }],
    users: [{ name: userName, user: userBody }],
    contexts: [{ name: ctx.name, context: { cluster: ctx.cluster, user: userName, ...(ctx.namespace ? { namespace: ctx.namespace } : {}) } }],
    'current-context': ctx.name,
  });
}

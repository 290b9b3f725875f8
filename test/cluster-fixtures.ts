import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { db } from '../db/client.ts';
import type { ServiceLevel } from '../db/schema/common.ts';
import { services } from '../db/schema/services.ts';
import { serviceSpecSchema } from '../server/domain/services/spec.ts';
import { generateServingCerts } from '../tools/kube-sim/src/tls.ts';

// Clusters for tests: a real kube-sim over HTTPS, kubeconfigs that fail in one precise way each,
// and network stand-ins that are real sockets (a proxy that can be stopped, a port that never answers).

type KubeconfigDoc = {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
  'current-context'?: string;
};

/** The sim's kubeconfig with a change applied to its one cluster/user entry. */
export function editKubeconfig(kubeconfig: string, edit: (doc: KubeconfigDoc) => void): string {
  const doc = parse(kubeconfig) as KubeconfigDoc;
  edit(doc);
  return stringify(doc);
}

export const withServer = (kubeconfig: string, server: string) =>
  editKubeconfig(kubeconfig, (doc) => {
    doc.clusters[0]!.cluster.server = server;
  });

export const withToken = (kubeconfig: string, token: string) =>
  editKubeconfig(kubeconfig, (doc) => {
    doc.users[0]!.user.token = token;
  });

/** Trusts a CA that did not sign the sim's certificate: TLS must fail. */
export async function withForeignCa(kubeconfig: string): Promise<string> {
  const other = await generateServingCerts();
  return editKubeconfig(kubeconfig, (doc) => {
    doc.clusters[0]!.cluster['certificate-authority-data'] = Buffer.from(other.caPem).toString('base64');
  });
}

/** A second context (another cluster entry, same user) and no current-context. */
export const withTwoContexts = (kubeconfig: string, otherServer: string) =>
  editKubeconfig(kubeconfig, (doc) => {
    const first = doc.clusters[0]!;
    doc.clusters.push({ name: 'other', cluster: { ...first.cluster, server: otherServer } });
    doc.contexts.push({ name: 'other', context: { ...doc.contexts[0]!.context, cluster: 'other' } });
    delete doc['current-context'];
  });

/** A TCP forwarder to a sim: stopping it is the cluster going away; starting it again on the same port, coming back. */
export async function startProxy(target: string): Promise<{ url: string; stop: () => Promise<void>; start: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listenPort = 0;
  const start = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(port), hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(listenPort, '127.0.0.1', () => resolve());
    });
    listenPort = (server.address() as AddressInfo).port;
  };
  const stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  await start();
  return { url: `https://127.0.0.1:${listenPort}`, stop, start };
}

/** A local port nothing listens on (fetch refuses well-known "bad ports" like 1 before connecting). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `https://127.0.0.1:${port}`;
}

/** A port that accepts connections and never says a word: verification must time out. */
export async function startBlackHole(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => s.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A service row as the services domain would leave it, for tests of what depends on services
 * existing (refusals, counts); the rollout engine itself is not involved.
 */
export async function insertService(opts: { applicationId: number; clusterId: number | null; level: ServiceLevel; deleted?: boolean; displayName?: string }) {
  const k8sName = `svc-${randomBytes(5).toString('hex')}`;
  const [created] = await db()
    .insert(services)
    .values({
      applicationId: opts.applicationId,
      clusterId: opts.clusterId,
      level: opts.level,
      k8sName,
      namespace: opts.level,
      displayName: opts.displayName ?? k8sName,
      spec: serviceSpecSchema.parse({ image: 'example/model:1' }),
      status: opts.deleted ? 'deleted' : 'running',
      deletedAt: opts.deleted ? new Date() : null,
    })
    .$returningId();
  if (!created) throw new Error('insert returned no id');
  return { serviceId: created.id, k8sName };
}

/** A private key shaped like a real one (the API checks its form, not its maths). */
export function fakeSshKey(): string {
  const body = randomBytes(300).toString('base64').replace(/(.{70})/g, '$1\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

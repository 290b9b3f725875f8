import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Store } from './store.ts';
import { SimClock } from './clock.ts';
import { Faults } from './faults.ts';
import { startControllers } from './controllers/index.ts';
import { createHandler } from './http/server.ts';
import type { ServerContext } from './http/context.ts';
import { generateServingCerts } from './tls.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { loadStateFile, StateFileSaver } from './state-file.ts';

export type KubeSimOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Simulated seconds per real second. */
  speed?: number;
  /** Serve HTTPS with a generated CA (default), as real clusters do. */
  tls?: boolean;
  token?: string;
  /** Also write the kubeconfig here. */
  kubeconfigPath?: string;
  /** Changes retained for watch resume; older resourceVersions get 410 Gone. */
  watchWindow?: number;
  /** How often watches that allow bookmarks get one. */
  bookmarkIntervalMs?: number;
  /**
   * Keep objects across restarts: loaded at start when the file exists, saved (atomically) shortly
   * after changes and on close.
   */
  stateFile?: string;
  /** Delay between a change and the state file write that includes it (default 250 ms). */
  stateFileDebounceMs?: number;
};

export type KubeSim = {
  url: string;
  token: string;
  kubeconfig: string;
  caPem?: string;
  store: Store;
  clock: SimClock;
  faults: Faults;
  close(): Promise<void>;
};

export async function startKubeSim(opts: KubeSimOptions = {}): Promise<KubeSim> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tls = opts.tls ?? true;
  const store = new Store({ watchWindow: opts.watchWindow });
  const clock = new SimClock({ speed: opts.speed ?? 1 });
  store.now = () => new Date(clock.wallNow());
  // Loaded before the controllers start, so they reconcile the restored objects as found at start.
  if (opts.stateFile) await loadStateFile(store, opts.stateFile);
  const saver = opts.stateFile ? new StateFileSaver(store, opts.stateFile, { debounceMs: opts.stateFileDebounceMs }) : undefined;
  const controllers = startControllers(store, clock);
  const ctx: ServerContext = { store, faults: new Faults(), bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 10_000, streams: new Set() };

  let address = '';
  const handler = createHandler(ctx, { token, serverAddress: () => address, adminRoutes: controllers.adminRoutes });
  const certs = tls ? await generateServingCerts() : undefined;
  const server: Server = certs ? createHttpsServer({ cert: certs.certPem, key: certs.keyPem }, handler) : createHttpServer(handler);
  // Watches and followed logs are long-lived; the defaults would cut them after 5 minutes.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfig = kubeconfigYaml({ url, token, caPem: certs?.caPem });
  if (opts.kubeconfigPath) {
    await mkdir(dirname(opts.kubeconfigPath), { recursive: true });
    await writeFile(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    kubeconfig,
    caPem: certs?.caPem,
    store,
    clock,
    faults: ctx.faults,
    close(): Promise<void> {
      closing ??= (async () => {
        controllers.stop();
        clock.stop();
        await saver?.close();
        for (const close of [...ctx.streams]) close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

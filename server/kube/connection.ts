import { HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { fetch, type Response } from 'undici';
import { errorFromNetwork, errorFromStatus, KubeError, type KubeStatus } from './errors.ts';
import type { ResolvedKubeconfig } from './kubeconfig.ts';

// One connection per cluster: client-node turns the kubeconfig's credentials into headers and a
// TLS dispatcher once, and every request reuses them. (client-node's typed clients build a new
// dispatcher, so a new TLS handshake, for every call; with hundreds of rollouts that adds up.)
// Requests and responses are plain JSON, so no client-node class leaves server/kube.

const DEFAULT_TIMEOUT_MS = 30_000;

export type KubeRequest = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Whole-request limit; a watch passes 0 and relies on its own inactivity timer. */
  timeoutMs?: number;
};

export type KubeConnection = {
  server: string;
  context: string;
  /** JSON in, JSON out; a non-2xx answer throws KubeError with the server's Status message. */
  json<T>(req: KubeRequest): Promise<T>;
  /** Plain text (pod logs). */
  text(req: KubeRequest): Promise<string>;
  /** The open response of a streaming request (watch); throws KubeError on a non-2xx answer. */
  stream(req: KubeRequest): Promise<Response>;
  /** Waits for open requests to finish; destroy() aborts them (a hung TLS handshake included). */
  close(): Promise<void>;
  destroy(): Promise<void>;
};

export async function openConnection(resolved: ResolvedKubeconfig): Promise<KubeConnection> {
  const { context, cluster, user } = resolved;
  const kc = new KubeConfig();
  // Only the checked, embedded fields: no file paths, exec or auth-provider ever reach client-node.
  kc.loadFromOptions({
    clusters: [{ name: 'cluster', server: cluster.server, caData: cluster.caData, skipTLSVerify: cluster.skipTlsVerify, tlsServerName: cluster.tlsServerName }],
    users: [{ name: 'user', token: user.token, certData: user.certData, keyData: user.keyData, username: user.username, password: user.password }],
    contexts: [{ name: 'drucker', cluster: 'cluster', user: 'user' }],
    currentContext: 'drucker',
  });
  const auth = new RequestContext(cluster.server, HttpMethod.GET);
  await kc.applySecurityAuthentication(auth);
  const headers: Record<string, string> = { ...auth.getHeaders(), 'user-agent': 'drucker' };
  const dispatcher = auth.getDispatcher();
  const server = cluster.server;

  async function send(req: KubeRequest, accept: string): Promise<Response> {
    const url = new URL(server + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signals = [req.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    const method = req.method ?? 'GET';
    const reqHeaders: Record<string, string> = { ...headers, accept };
    if (req.body !== undefined) reqHeaders['content-type'] = req.contentType ?? 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: reqHeaders,
        body: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
        signal,
        dispatcher,
      });
    } catch (e) {
      throw abortOrNetwork(e, req, timeoutMs, server, `${method} ${req.path}`);
    }
    if (res.status >= 400) {
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        throw abortOrNetwork(e, req, timeoutMs, server, `${method} ${req.path}`);
      }
      throw errorFromStatus(res.status, parseStatus(text), `${method} ${req.path}`, res.headers.get('retry-after'));
    }
    return res;
  }

  async function readBody(res: Response, req: KubeRequest): Promise<string> {
    try {
      return await res.text();
    } catch (e) {
      throw abortOrNetwork(e, req, req.timeoutMs ?? DEFAULT_TIMEOUT_MS, server, `${req.method ?? 'GET'} ${req.path}`);
    }
  }

  return {
    server,
    context: context.name,
    async json<T>(req: KubeRequest): Promise<T> {
      const res = await send(req, 'application/json');
      const text = await readBody(res, req);
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new KubeError('server', `${req.method ?? 'GET'} ${req.path}: the API server answered with something other than JSON`, { status: res.status });
      }
    },
    async text(req: KubeRequest): Promise<string> {
      return readBody(await send(req, 'text/plain, */*'), req);
    },
    stream(req: KubeRequest): Promise<Response> {
      return send(req, 'application/json');
    },
    async close(): Promise<void> {
      await dispatcher?.close();
    },
    async destroy(): Promise<void> {
      await dispatcher?.destroy();
    },
  };
}

function parseStatus(text: string): KubeStatus | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v) : undefined;
  } catch {
    return text.trim() ? { message: text.trim().slice(0, 500) } : undefined;
  }
}

/** A caller's abort passes through as-is; our own timeout and network failures become KubeErrors. */
function abortOrNetwork(e: unknown, req: KubeRequest, timeoutMs: number, server: string, what: string): unknown {
  if (req.signal?.aborted) return req.signal.reason ?? e;
  if (e instanceof Error && (e.name === 'TimeoutError' || (e.name === 'AbortError' && timeoutMs > 0))) {
    return new KubeError('timeout', `${what}: no answer from ${server} after ${Math.round(timeoutMs / 1000)} s`, { cause: e });
  }
  return errorFromNetwork(e, server);
}

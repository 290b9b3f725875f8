// Every failure talking to a cluster becomes a KubeError with a kind, so callers decide by kind
// (retry with backoff, fail the rollout, mark the cluster unhealthy) instead of parsing messages.
// 409/429/5xx, timeouts and dropped connections are retryable; 400/401/403/404/422 are not, and
// for those the API server's own Status message is kept verbatim: it names the field or the rule.

export const kubeErrorKinds = ['unreachable', 'tls', 'unauthorized', 'forbidden', 'not_found', 'invalid', 'conflict', 'throttled', 'server', 'timeout'] as const;
export type KubeErrorKind = (typeof kubeErrorKinds)[number];

/** The Kubernetes Status object an API error carries (the fields Drucker reads). */
export type KubeStatus = {
  kind?: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
};

export class KubeError extends Error {
  readonly kind: KubeErrorKind;
  readonly retryable: boolean;
  /** HTTP status when the API server answered. */
  readonly status?: number;
  /** The Status reason (NotFound, Invalid, Conflict, AlreadyExists, Expired…). */
  readonly reason?: string;
  /** Seconds the server asked us to wait (429, some 5xx). */
  readonly retryAfterSeconds?: number;

  constructor(kind: KubeErrorKind, message: string, opts: { status?: number; reason?: string; retryable?: boolean; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'KubeError';
    this.kind = kind;
    this.status = opts.status;
    this.reason = opts.reason;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.retryable = opts.retryable ?? ['unreachable', 'conflict', 'throttled', 'server', 'timeout'].includes(kind);
  }
}

function kindForStatus(code: number): KubeErrorKind {
  if (code === 401) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404) return 'not_found';
  if (code === 409) return 'conflict';
  if (code === 429) return 'throttled';
  if (code === 504 || code === 408) return 'timeout';
  if (code >= 500) return 'server';
  return 'invalid';
}

/** What the API server said, as a KubeError; `what` names the request (e.g. "PATCH deployments/iris"). */
export function errorFromStatus(code: number, status: KubeStatus | undefined, what: string, retryAfterHeader?: string | null): KubeError {
  const message = status?.message?.trim() || `${what}: HTTP ${code}`;
  const kind = kindForStatus(code);
  const header = retryAfterHeader ? Number(retryAfterHeader) : undefined;
  const retryAfterSeconds = status?.details?.retryAfterSeconds ?? (header !== undefined && Number.isFinite(header) ? header : undefined);
  // 410 Expired belongs to watches and list continuations; the caller relists.
  const retryable = kind === 'invalid' ? code === 410 : undefined;
  return new KubeError(kind, message, { status: code, reason: status?.reason, retryAfterSeconds, retryable });
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED', 'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ERR_OSSL_PEM_NO_START_LINE', 'ERR_OSSL_X509_NO_CERTIFICATE_OR_CRL_FOUND',
]);

/** The Node error code under fetch's wrapping ("fetch failed" → cause → code). */
function networkCode(e: unknown): { code?: string; message: string } {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur; depth++) {
    if (typeof cur === 'object' && cur !== null && 'code' in cur && typeof (cur).code === 'string') {
      const c = cur as { code: string; message?: string };
      return { code: c.code, message: c.message ?? c.code };
    }
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

const TLS_HELP: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by unknown authority',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate signed by unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by unknown authority',
  // A CA with the same name as the real issuer but another key: to the user, an unknown authority.
  CERT_SIGNATURE_FAILURE: 'certificate signed by unknown authority',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate not trusted',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is not valid for this host name',
};

/** A connection-level failure (no HTTP answer) as a KubeError. */
export function errorFromNetwork(e: unknown, server: string): KubeError {
  if (e instanceof KubeError) return e;
  const { code, message } = networkCode(e);
  const host = (() => {
    try {
      return new URL(server).host;
    } catch {
      return server;
    }
  })();
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('ERR_OSSL'))) {
    const what = TLS_HELP[code] ?? message;
    return new KubeError('tls', `TLS: ${what} (${code}) connecting to ${server}; check the kubeconfig's certificate-authority-data for this cluster`, { cause: e, retryable: false });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new KubeError('unreachable', `DNS: the host name ${host} was not found (${code}); check the server address in the kubeconfig`, { cause: e, retryable: code === 'EAI_AGAIN', reason: 'dns' });
  }
  if (code === 'ECONNREFUSED') {
    return new KubeError('unreachable', `connection refused by ${host}: nothing is listening there; check the server address and port, and that the API server is up`, { cause: e, reason: 'connect' });
  }
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new KubeError('timeout', `timed out talking to ${host} (${code})`, { cause: e });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return new KubeError('unreachable', `the connection to ${host} failed (${code}): ${message}`, { cause: e, reason: 'connect' });
  }
  return new KubeError('unreachable', `cannot reach ${host}: ${message}${code ? ` (${code})` : ''}`, { cause: e });
}

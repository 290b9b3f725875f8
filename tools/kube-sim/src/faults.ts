import { ApiError, badRequest } from './errors.ts';
import type { ResourceType } from './resources.ts';

// Faults injected through /_sim/. They apply to API requests from clients only: controllers write
// to the store directly and never see them, as a real control plane's internals would not.

type Match = { verb?: string; resource?: string };
export type ErrorFault = Match & { id: string; type: 'error'; code: number; rate: number; count?: number; message?: string };
export type LatencyFault = Match & { id: string; type: 'latency'; ms: number };
export type WatchDropFault = { id: string; type: 'watchDrop'; resource?: string; afterEvents: number; count?: number };
export type ResetFault = Match & { id: string; type: 'reset'; rate: number; count?: number };
export type Fault = ErrorFault | LatencyFault | WatchDropFault | ResetFault;
export type AccessRule = { verb?: string; resource?: string; group?: string; namespace?: string };

export type RequestTarget = { verb: string; type?: ResourceType; subresource?: string };

const REASONS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict',
  410: 'Expired', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

function matches(m: Match, target: RequestTarget): boolean {
  if (m.verb && m.verb !== '*' && m.verb !== target.verb) return false;
  if (!m.resource || m.resource === '*') return true;
  const t = target.type;
  if (!t) return false;
  const [res, sub] = m.resource.split('/');
  if (res !== t.plural && res !== t.key) return false;
  return sub === undefined || sub === target.subresource;
}

function num(body: Record<string, unknown>, key: string, opts: { min: number; max?: number; required?: boolean; fallback?: number }): number | undefined {
  const v = body[key];
  if (v === undefined) {
    if (opts.required) throw badRequest(`${key} is required`);
    return opts.fallback;
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < opts.min || (opts.max !== undefined && v > opts.max)) {
    throw badRequest(`${key} must be a number between ${opts.min} and ${opts.max ?? 'infinity'}`);
  }
  return v;
}

function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`${key} must be a string`);
  return v;
}

export class Faults {
  private faults: Fault[] = [];
  private seq = 0;
  denyRules: AccessRule[] = [];

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
    this.denyRules = [];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  /** Parses an admin request body into a fault; throws 400 on a malformed one. */
  add(type: Fault['type'], raw: unknown): Fault {
    if (typeof raw !== 'object' || raw === null) throw badRequest('expected a JSON object');
    const b = raw as Record<string, unknown>;
    const id = `${type}-${++this.seq}`;
    const match = { verb: str(b, 'verb'), resource: str(b, 'resource') };
    const count = num(b, 'count', { min: 1 });
    let fault: Fault;
    switch (type) {
      case 'error':
        fault = { id, type, ...match, code: num(b, 'code', { min: 400, max: 599, required: true }) ?? 500, rate: num(b, 'rate', { min: 0, max: 1, fallback: 1 }) ?? 1, count, message: str(b, 'message') };
        break;
      case 'latency':
        fault = { id, type, ...match, ms: num(b, 'ms', { min: 0, max: 600_000, required: true }) ?? 0 };
        break;
      case 'watchDrop':
        fault = { id, type, resource: match.resource, afterEvents: num(b, 'afterEvents', { min: 0, required: true }) ?? 0, count };
        break;
      case 'reset':
        fault = { id, type, ...match, rate: num(b, 'rate', { min: 0, max: 1, fallback: 1 }) ?? 1, count };
        break;
    }
    this.faults.push(fault);
    return { ...fault };
  }

  /** The injected error for this request, if one fires; a fault with a count is used up by firing. */
  errorFor(target: RequestTarget): ApiError | undefined {
    const f = this.fire('error', target);
    if (!f || f.type !== 'error') return undefined;
    const reason = REASONS[f.code] ?? 'InternalError';
    return new ApiError(f.code, reason, f.message ?? `kube-sim injected fault: ${reason} (${f.code})`);
  }

  shouldReset(target: RequestTarget): boolean {
    return this.fire('reset', target) !== undefined;
  }

  latencyFor(target: RequestTarget): number {
    let ms = 0;
    for (const f of this.faults) if (f.type === 'latency' && matches(f, target)) ms = Math.max(ms, f.ms);
    return ms;
  }

  /** How many events a new watch on this resource may deliver before it is cut, if limited. */
  watchDropFor(target: RequestTarget): number | undefined {
    const f = this.faults.find((x): x is WatchDropFault => x.type === 'watchDrop' && matches({ resource: x.resource }, target));
    if (!f) return undefined;
    this.consume(f);
    return f.afterEvents;
  }

  allowed(attrs: { verb?: string; resource?: string; group?: string; namespace?: string }): boolean {
    return !this.denyRules.some((r) =>
      (!r.verb || r.verb === '*' || r.verb === attrs.verb) &&
      (!r.resource || r.resource === '*' || r.resource === attrs.resource) &&
      (r.group === undefined || r.group === '*' || r.group === (attrs.group ?? '')) &&
      (!r.namespace || r.namespace === attrs.namespace));
  }

  private fire(type: 'error' | 'reset', target: RequestTarget): Fault | undefined {
    for (const f of this.faults) {
      if (f.type !== type || !matches(f, target)) continue;
      if (Math.random() >= f.rate) continue;
      this.consume(f);
      return f;
    }
    return undefined;
  }

  private consume(f: Fault): void {
    if (!('count' in f) || f.count === undefined) return;
    f.count -= 1;
    if (f.count <= 0) this.remove(f.id);
  }
}

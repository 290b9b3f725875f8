import { badRequest } from '../errors.ts';
import type { ControllerContext } from './context.ts';
import { IMAGE_FAULTS, type ImageFault, type ImageFaultPattern } from './images.ts';

// /_sim/ endpoints for the controller half: the clock, failing images, pod timings and the
// simulated CPU load. The server mounts `simAdminRoutes`; the handlers act on whichever
// controllers startControllers() bound last (one kube-sim per process in practice). Tests that
// run several simulators in one process use createSimAdminRoutes(ctx) per instance instead.

export type SimAdminRoutes = Record<string, (body: unknown) => unknown>;

type Rec = Record<string, unknown>;

function record(body: unknown): Rec {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('the request body must be a JSON object');
  return body as Rec;
}

function optionalNumber(body: Rec, key: string, check: (n: number) => boolean, rule: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) throw badRequest(`${key} must be ${rule}, got ${JSON.stringify(v)}`);
  return v;
}

function parsePatterns(body: Rec): ImageFaultPattern[] {
  const list = body.patterns;
  if (!Array.isArray(list)) throw badRequest('expected {"patterns": [{"pattern": "*:bad-pull*", "fault": "ImagePullBackOff"}, …]}');
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw badRequest(`patterns[${i}] must be an object`);
    const { pattern, fault } = item as Rec;
    if (typeof pattern !== 'string' || !pattern) throw badRequest(`patterns[${i}].pattern must be a non-empty glob or /regex/`);
    if (typeof fault !== 'string' || !(IMAGE_FAULTS as readonly string[]).includes(fault)) {
      throw badRequest(`patterns[${i}].fault must be one of ${IMAGE_FAULTS.join(', ')}`);
    }
    return { pattern, fault: fault as ImageFault };
  });
}

export function createSimAdminRoutes(ctx: ControllerContext): SimAdminRoutes {
  const clockState = () => ctx.clock.state();
  const podState = () => ({ ...ctx.timing });
  const hpaState = () => ({ cpuUtilization: ctx.hpa.cpuUtilization ?? null });
  // What /_sim/reset goes back to: the knobs as the simulator started (the clock keeps its speed).
  const initialTiming = { ...ctx.timing };
  const initialImages = ctx.images.list();
  return {
    /** Called by the server's POST /_sim/reset after it emptied the store. */
    'POST /_sim/reset': () => {
      Object.assign(ctx.timing, initialTiming);
      ctx.images.set(initialImages);
      ctx.hpa.cpuUtilization = undefined;
      ctx.hpa.loads.clear();
      ctx.events.forget();
      return { reset: true };
    },
    'GET /_sim/clock': () => clockState(),
    /** {speed?: number, advanceSeconds?: number} → the clock after the change. */
    'POST /_sim/clock': (raw) => {
      const body = record(raw);
      const speed = optionalNumber(body, 'speed', (n) => n > 0, 'a positive number');
      const advance = optionalNumber(body, 'advanceSeconds', (n) => n >= 0, 'a non-negative number of seconds');
      if (speed !== undefined) ctx.clock.setSpeed(speed);
      if (advance !== undefined) ctx.clock.advance(advance * 1000);
      return clockState();
    },
    'GET /_sim/images': () => ({ patterns: ctx.images.list() }),
    /** Replaces the failing-image patterns (an empty list makes every image healthy). Applies to pods created afterwards. */
    'POST /_sim/images': (raw) => {
      ctx.images.set(parsePatterns(record(raw)));
      return { patterns: ctx.images.list() };
    },
    'GET /_sim/pods': () => podState(),
    /** {startSeconds?, readySeconds?, crashAfterSeconds?} in simulated seconds; applies to pods created afterwards. */
    'POST /_sim/pods': (raw) => {
      const body = record(raw);
      const nonNegative = (n: number) => n >= 0;
      const start = optionalNumber(body, 'startSeconds', nonNegative, 'a non-negative number of seconds');
      const ready = optionalNumber(body, 'readySeconds', nonNegative, 'a non-negative number of seconds');
      const crash = optionalNumber(body, 'crashAfterSeconds', nonNegative, 'a non-negative number of seconds');
      if (start !== undefined) ctx.timing.startSeconds = start;
      if (ready !== undefined) ctx.timing.readySeconds = ready;
      if (crash !== undefined) ctx.timing.crashAfterSeconds = crash;
      return podState();
    },
    'GET /_sim/hpa': () => hpaState(),
    /** {cpuUtilization: number | null}: the average CPU utilization (percent) every HPA sees now; null = on target. */
    'POST /_sim/hpa': (raw) => {
      const body = record(raw);
      const util = body.cpuUtilization === null ? undefined : optionalNumber(body, 'cpuUtilization', (n) => n >= 0, 'a non-negative percentage or null');
      ctx.hpa.cpuUtilization = util;
      ctx.hpa.loads.clear();
      for (const h of ctx.store.list('horizontalpodautoscalers.autoscaling')) ctx.enqueue('horizontalpodautoscalers.autoscaling', h.metadata.namespace, h.metadata.name);
      return hpaState();
    },
  };
}

let bound: SimAdminRoutes | undefined;

/** Called by startControllers; `undefined` unbinds. */
export function bindSimAdminRoutes(routes: SimAdminRoutes | undefined): void {
  bound = routes;
}

export function boundSimAdminRoutes(): SimAdminRoutes | undefined {
  return bound;
}

const ROUTE_KEYS = ['POST /_sim/reset', 'GET /_sim/clock', 'POST /_sim/clock', 'GET /_sim/images', 'POST /_sim/images', 'GET /_sim/pods', 'POST /_sim/pods', 'GET /_sim/hpa', 'POST /_sim/hpa'];

export const simAdminRoutes: SimAdminRoutes = Object.fromEntries(
  ROUTE_KEYS.map((key) => [
    key,
    (body: unknown) => {
      const handler = bound?.[key];
      if (!handler) throw badRequest('kube-sim: the controllers are not running, so there is no simulated clock or kubelet to configure');
      return handler(body);
    },
  ]),
);

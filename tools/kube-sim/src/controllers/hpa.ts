import type { ControllerContext } from './context.ts';
import { asDeployment, asHpa, type Condition, type Hpa } from './kobj.ts';
import { HPA_CONTROLLER } from './events.ts';
import { canonicalJson } from './template.ts';

// The horizontal-pod-autoscaler controller (autoscaling/v2) against a simulated metrics server.
// With no utilization configured the pods run exactly at their CPU target, so the only scaling is
// clamping the target into [minReplicas, maxReplicas]; POST /_sim/hpa sets a utilization to make
// it scale as the real formula does: ceil(current × utilization / target), outside a 10 % tolerance.
// Each sync reacts to the HPA or its target changing; the real controller's 15 s resync adds
// nothing here because simulated metrics only change when the target or the knob does.

const TOLERANCE = 0.1;

function cpuTarget(hpa: Hpa): number | undefined {
  const m = hpa.spec.metrics?.find((x) => x.type === 'Resource' && x.resource?.name === 'cpu');
  return m?.resource?.target.averageUtilization;
}

/**
 * A configured utilization is what the pods show at the replica count they had when it was set;
 * the load behind it stays constant, so more replicas each show less, as on a real cluster, and
 * the autoscaler settles instead of scaling without end.
 */
function utilization(ctx: ControllerContext, hpa: Hpa, replicas: number): number | undefined {
  const configured = ctx.hpa.cpuUtilization;
  if (configured === undefined || replicas === 0) return undefined;
  const key = `${hpa.metadata.namespace ?? ''}/${hpa.metadata.name}`;
  let load = ctx.hpa.loads.get(key);
  if (load === undefined) {
    load = configured * replicas;
    ctx.hpa.loads.set(key, load);
  }
  return Math.round(load / replicas);
}

function cond(prev: Condition[] | undefined, type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  const old = prev?.find((c) => c.type === type);
  const lastTransitionTime = old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : now;
  return { type, status, lastTransitionTime, reason, message };
}

export function syncHpa(ctx: ControllerContext, namespace: string, name: string): void {
  const found = ctx.store.get('horizontalpodautoscalers.autoscaling', namespace, name);
  if (!found) return;
  const hpa = asHpa(found);
  const now = ctx.clock.nowISO();
  const ref = hpa.spec.scaleTargetRef;
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  const prev = hpa.status?.conditions;
  const target = ref.kind === 'Deployment' ? ctx.store.get('deployments.apps', namespace, ref.name) : undefined;

  if (!target) {
    const message = `the HPA controller was unable to get the target's current scale: deployments.apps "${ref.name}" not found`;
    const status = {
      ...hpa.status,
      currentReplicas: hpa.status?.currentReplicas ?? 0,
      desiredReplicas: hpa.status?.desiredReplicas ?? 0,
      conditions: [cond(prev, 'AbleToScale', 'False', 'FailedGetScale', message, now)],
    };
    putStatus(ctx, hpa, status);
    return;
  }
  const d = asDeployment(target);
  const specReplicas = d.spec.replicas ?? 1;
  const current = d.status?.replicas ?? specReplicas;
  const targetUtil = cpuTarget(hpa);
  const util = utilization(ctx, hpa, specReplicas) ?? targetUtil ?? 50;

  let proposal = specReplicas;
  let reason = 'recommended size matches current size';
  if (specReplicas === 0) {
    reason = 'scaling is disabled since the replica count of the target is zero';
  } else if (targetUtil !== undefined && Math.abs(util / targetUtil - 1) > TOLERANCE) {
    proposal = Math.ceil((specReplicas * util) / targetUtil);
    reason = util > targetUtil ? 'cpu resource utilization (percentage of request) above target' : 'All metrics below target';
  }
  let desired = specReplicas === 0 ? 0 : Math.min(max, Math.max(min, proposal));
  let limited: Condition;
  if (specReplicas !== 0 && proposal < min) {
    limited = cond(prev, 'ScalingLimited', 'True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count', now);
    if (specReplicas < min) reason = 'Current number of replicas below Spec.MinReplicas';
  } else if (specReplicas !== 0 && proposal > max) {
    limited = cond(prev, 'ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count', now);
    if (specReplicas > max) reason = 'Current number of replicas above Spec.MaxReplicas';
  } else {
    limited = cond(prev, 'ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range', now);
  }
  if (specReplicas === 0) desired = 0;

  let lastScaleTime = hpa.status?.lastScaleTime;
  if (desired !== specReplicas) {
    // Through the scale subresource on a real cluster; here the spec write is the same change.
    ctx.store.update('deployments.apps', { ...d, spec: { ...d.spec, replicas: desired } });
    ctx.events.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, HPA_CONTROLLER);
    lastScaleTime = now;
  }

  const status: Record<string, unknown> = {
    ...(lastScaleTime ? { lastScaleTime } : {}),
    observedGeneration: hpa.metadata.generation,
    currentReplicas: current,
    desiredReplicas: desired,
    currentMetrics:
      targetUtil === undefined
        ? []
        : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: util, averageValue: `${Math.round(util * 10)}m` } } }],
    conditions: [
      desired !== specReplicas
        ? cond(prev, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now)
        : cond(prev, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now),
      specReplicas === 0
        ? cond(prev, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now)
        : cond(prev, 'ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', now),
      limited,
    ],
  };
  putStatus(ctx, hpa, status);
}

function putStatus(ctx: ControllerContext, hpa: Hpa, status: Record<string, unknown>): void {
  if (canonicalJson(hpa.status ?? {}) === canonicalJson(status)) return;
  const fresh = ctx.store.get('horizontalpodautoscalers.autoscaling', hpa.metadata.namespace, hpa.metadata.name);
  if (fresh) ctx.store.update('horizontalpodautoscalers.autoscaling', { ...fresh, status }, { subresource: 'status' });
}

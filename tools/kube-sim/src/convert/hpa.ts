import type { KObject } from '../store.ts';

// autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler, as the apiserver converts them
// (storage is v2). v1 has one CPU target (targetCPUUtilizationPercentage); everything else v2 can
// say (other metrics, behavior, conditions, current metrics) travels in v1 as JSON annotations.

type Rec = Record<string, unknown>;

const ANN = {
  metrics: 'autoscaling.alpha.kubernetes.io/metrics',
  currentMetrics: 'autoscaling.alpha.kubernetes.io/current-metrics',
  conditions: 'autoscaling.alpha.kubernetes.io/conditions',
  behavior: 'autoscaling.alpha.kubernetes.io/behavior',
} as const;

const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);
const defined = (o: Rec): Rec => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function isCpuUtilization(m: Rec): boolean {
  const r = rec(m.resource);
  return m.type === 'Resource' && r.name === 'cpu' && rec(r.target).type === 'Utilization';
}

/** A v2 MetricSpec in v1's MetricSpec shape (targets flattened into target* fields). */
function metricToV1(m: Rec): Rec {
  const target = (src: Rec): Rec => rec(src.target);
  switch (m.type) {
    case 'Resource': {
      const r = rec(m.resource);
      return { type: 'Resource', resource: defined({ name: r.name, targetAverageUtilization: target(r).averageUtilization, targetAverageValue: target(r).averageValue }) };
    }
    case 'ContainerResource': {
      const r = rec(m.containerResource);
      return { type: 'ContainerResource', containerResource: defined({ name: r.name, container: r.container, targetAverageUtilization: target(r).averageUtilization, targetAverageValue: target(r).averageValue }) };
    }
    case 'Pods': {
      const p = rec(m.pods);
      return { type: 'Pods', pods: defined({ metricName: rec(p.metric).name, selector: rec(p.metric).selector, targetAverageValue: target(p).averageValue }) };
    }
    case 'Object': {
      const o = rec(m.object);
      return { type: 'Object', object: defined({ target: o.describedObject, metricName: rec(o.metric).name, selector: rec(o.metric).selector, targetValue: target(o).value, averageValue: target(o).averageValue }) };
    }
    case 'External': {
      const e = rec(m.external);
      return { type: 'External', external: defined({ metricName: rec(e.metric).name, metricSelector: rec(e.metric).selector, targetValue: target(e).value, targetAverageValue: target(e).averageValue }) };
    }
    default:
      return m;
  }
}

function resourceTarget(r: Rec): Rec {
  if (r.targetAverageUtilization !== undefined) return { type: 'Utilization', averageUtilization: r.targetAverageUtilization };
  return { type: 'AverageValue', averageValue: r.targetAverageValue };
}

function metricToV2(m: Rec): Rec {
  switch (m.type) {
    case 'Resource': {
      const r = rec(m.resource);
      return { type: 'Resource', resource: { name: r.name, target: resourceTarget(r) } };
    }
    case 'ContainerResource': {
      const r = rec(m.containerResource);
      return { type: 'ContainerResource', containerResource: { name: r.name, container: r.container, target: resourceTarget(r) } };
    }
    case 'Pods': {
      const p = rec(m.pods);
      return { type: 'Pods', pods: { metric: defined({ name: p.metricName, selector: p.selector }), target: { type: 'AverageValue', averageValue: p.targetAverageValue } } };
    }
    case 'Object': {
      const o = rec(m.object);
      const target = o.averageValue !== undefined ? { type: 'AverageValue', averageValue: o.averageValue } : { type: 'Value', value: o.targetValue };
      return { type: 'Object', object: { describedObject: o.target, metric: defined({ name: o.metricName, selector: o.selector }), target } };
    }
    case 'External': {
      const e = rec(m.external);
      const target = e.targetAverageValue !== undefined ? { type: 'AverageValue', averageValue: e.targetAverageValue } : { type: 'Value', value: e.targetValue };
      return { type: 'External', external: { metric: defined({ name: e.metricName, selector: e.metricSelector }), target } };
    }
    default:
      return m;
  }
}

function currentToV1(m: Rec): Rec {
  if (m.type === 'Resource') {
    const r = rec(m.resource);
    const cur = rec(r.current);
    return { type: 'Resource', resource: defined({ name: r.name, currentAverageUtilization: cur.averageUtilization, currentAverageValue: cur.averageValue }) };
  }
  return m;
}

function currentToV2(m: Rec): Rec {
  if (m.type === 'Resource') {
    const r = rec(m.resource);
    return { type: 'Resource', resource: { name: r.name, current: defined({ averageUtilization: r.currentAverageUtilization, averageValue: r.currentAverageValue }) } };
  }
  return m;
}

function parseAnnotation(annotations: Record<string, string> | undefined, key: string): unknown {
  const raw = annotations?.[key];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function hpaToV1(obj: KObject): KObject {
  const spec = rec(obj.spec);
  const status = obj.status === undefined ? undefined : rec(obj.status);
  const annotations: Record<string, string> = { ...obj.metadata.annotations };
  const metrics = list(spec.metrics);
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu).map(metricToV1);
  if (others.length) annotations[ANN.metrics] = JSON.stringify(others);
  if (spec.behavior !== undefined) annotations[ANN.behavior] = JSON.stringify(spec.behavior);
  const v1Spec = defined({
    scaleTargetRef: spec.scaleTargetRef,
    minReplicas: spec.minReplicas,
    maxReplicas: spec.maxReplicas,
    targetCPUUtilizationPercentage: cpu ? rec(rec(cpu.resource).target).averageUtilization : undefined,
  });
  let v1Status: Rec | undefined;
  if (status) {
    const current = list(status.currentMetrics);
    const cpuNow = current.find((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu');
    const rest = current.filter((m) => m !== cpuNow).map(currentToV1);
    if (rest.length) annotations[ANN.currentMetrics] = JSON.stringify(rest);
    if (Array.isArray(status.conditions) && status.conditions.length) annotations[ANN.conditions] = JSON.stringify(status.conditions);
    v1Status = defined({
      observedGeneration: status.observedGeneration,
      lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      currentCPUUtilizationPercentage: cpuNow ? rec(rec(cpuNow.resource).current).averageUtilization : undefined,
    });
  }
  const metadata = { ...obj.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  return defined({ ...obj, apiVersion: 'autoscaling/v1', metadata, spec: v1Spec, status: v1Status }) as KObject;
}

export function hpaFromV1(obj: KObject): KObject {
  const spec = rec(obj.spec);
  const annotations: Record<string, string> = { ...obj.metadata.annotations };
  const metrics = list(parseAnnotation(annotations, ANN.metrics)).map(metricToV2);
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  const behavior = parseAnnotation(annotations, ANN.behavior);
  const conditions = parseAnnotation(annotations, ANN.conditions);
  const currentMetrics = list(parseAnnotation(annotations, ANN.currentMetrics)).map(currentToV2);
  for (const key of Object.values(ANN)) delete annotations[key];
  const v2Spec = defined({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics: metrics.length ? metrics : undefined, behavior });
  let v2Status: Rec | undefined;
  if (obj.status !== undefined) {
    const s = rec(obj.status);
    if (typeof s.currentCPUUtilizationPercentage === 'number') currentMetrics.push({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: s.currentCPUUtilizationPercentage } } });
    v2Status = defined({
      observedGeneration: s.observedGeneration,
      lastScaleTime: s.lastScaleTime,
      currentReplicas: s.currentReplicas,
      desiredReplicas: s.desiredReplicas,
      currentMetrics: currentMetrics.length ? currentMetrics : undefined,
      conditions: Array.isArray(conditions) ? conditions : undefined,
    });
  }
  const metadata = { ...obj.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  return defined({ ...obj, apiVersion: 'autoscaling/v2', metadata, spec: v2Spec, status: v2Status }) as KObject;
}

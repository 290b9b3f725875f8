import type { KObject } from './store.ts';

// Defaulting the apiserver does on write, limited to the fields controllers and clients read back
// (a Deployment's strategy and deadlines, a Service's clusterIP, a Secret's stringData).

type Rec = Record<string, unknown>;

function rec(parent: Rec, key: string): Rec {
  const v = parent[key];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Rec;
  const fresh: Rec = {};
  parent[key] = fresh;
  return fresh;
}

function defaultPodSpec(spec: Rec): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list as Rec[]) {
      const image = typeof c.image === 'string' ? c.image : '';
      c.imagePullPolicy ??= image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent';
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.resources ??= {};
      if (Array.isArray(c.ports)) for (const p of c.ports as Rec[]) p.protocol ??= 'TCP';
    }
  }
}

// 10.96.0.1 is the `kubernetes` Service's, as on a real cluster.
let nextClusterIp = 2;
let nextNodePort = 0;

/** stringData is write-only: the apiserver folds it into data as base64 (before managedFields are recorded). */
export function foldStringData(obj: KObject): void {
  const o = obj as Rec;
  const sd = o.stringData;
  if (typeof sd === 'object' && sd !== null) {
    const data = rec(o, 'data');
    for (const [k, v] of Object.entries(sd)) data[k] = Buffer.from(String(v)).toString('base64');
  }
  delete o.stringData;
}

export function applyDefaults(resource: string, obj: KObject): void {
  const o = obj as Rec;
  switch (resource) {
    case 'namespaces': {
      rec(o, 'spec').finalizers ??= ['kubernetes'];
      rec(o, 'status').phase ??= 'Active';
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
      break;
    }
    case 'deployments.apps': {
      const spec = rec(o, 'spec');
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      const strategy = rec(spec, 'strategy');
      strategy.type ??= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const ru = rec(strategy, 'rollingUpdate');
        ru.maxSurge ??= '25%';
        ru.maxUnavailable ??= '25%';
      }
      defaultPodSpec(rec(rec(spec, 'template'), 'spec'));
      break;
    }
    case 'replicasets.apps': {
      const spec = rec(o, 'spec');
      spec.replicas ??= 1;
      defaultPodSpec(rec(rec(spec, 'template'), 'spec'));
      break;
    }
    case 'pods': {
      defaultPodSpec(rec(o, 'spec'));
      break;
    }
    case 'services': {
      const spec = rec(o, 'spec');
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName') {
        if (spec.clusterIP === undefined || spec.clusterIP === '') {
          const n = nextClusterIp++;
          spec.clusterIP = `10.96.${(n >> 8) & 255}.${n & 255}`;
        }
        spec.clusterIPs ??= [spec.clusterIP];
        // A single-stack IPv4 cluster, as kind and most clusters are.
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
      if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
      if (Array.isArray(spec.ports)) {
        for (const p of spec.ports as Rec[]) {
          p.protocol ??= 'TCP';
          // An unset targetPort (absent, or 0 / "" from a protobuf body) means the port itself.
          if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
          if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') p.nodePort ??= 30000 + (nextNodePort++ % 2768);
        }
      }
      break;
    }
    case 'horizontalpodautoscalers.autoscaling': {
      const spec = rec(o, 'spec');
      spec.minReplicas ??= 1;
      // No metrics means the CPU target every HPA had before v2 (80% utilization).
      if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      break;
    }
    case 'secrets': {
      o.type ??= 'Opaque';
      foldStringData(obj);
      break;
    }
  }
}

import type { KObject } from '../store.ts';
import { since } from './duration.ts';

// Service and Ingress rows as the apiserver prints them: EXTERNAL-IP by service type, ports with
// node ports, ingress hosts capped at three and the load balancer addresses.

type ServicePort = { port?: number; nodePort?: number; protocol?: string };
type LoadBalancer = { ingress?: { ip?: string; hostname?: string }[] };
type ServiceSpec = { type?: string; clusterIP?: string; clusterIPs?: string[]; externalIPs?: string[]; externalName?: string; ports?: ServicePort[]; selector?: Record<string, string> };

function loadBalancerAddresses(lb: LoadBalancer | undefined): string[] {
  const out = new Set<string>();
  for (const i of lb?.ingress ?? []) {
    if (i.ip) out.add(i.ip);
    else if (i.hostname) out.add(i.hostname);
  }
  return [...out];
}

function externalIP(spec: ServiceSpec, status: { loadBalancer?: LoadBalancer }): string {
  const external = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(status.loadBalancer), ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.length ? pairs.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

export function serviceCells(svc: KObject, now: Date): unknown[] {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const ports = (spec.ports ?? []).map((p) => (p.nodePort ? `${p.port ?? 0}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port ?? 0}/${p.protocol ?? 'TCP'}`)).join(',');
  const clusterIP = spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>';
  return [svc.metadata.name, spec.type ?? 'ClusterIP', clusterIP || '<none>', externalIP(spec, svc.status ?? {}), ports || '<none>', since(svc.metadata.creationTimestamp, now), formatLabels(spec.selector)];
}

type IngressSpec = { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] };

function formatHosts(rules: { host?: string }[]): string {
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const r of rules) {
    // As in the apiserver: "more" once three hosts are in and any rule follows, hostless or not.
    if (hosts.length === max) more = true;
    if (!more && r.host) hosts.push(r.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - max} more...` : hosts.join(',');
}

export function ingressCells(ing: KObject, now: Date): unknown[] {
  const spec = (ing.spec ?? {}) as IngressSpec;
  const status = (ing.status ?? {}) as { loadBalancer?: LoadBalancer };
  return [ing.metadata.name, spec.ingressClassName ?? '<none>', formatHosts(spec.rules ?? []), loadBalancerAddresses(status.loadBalancer).join(','), spec.tls?.length ? '80, 443' : '80', since(ing.metadata.creationTimestamp, now)];
}

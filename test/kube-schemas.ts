import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { KubeObject } from '../server/kube/cluster-client.ts';

// What a real API server checks that kube-sim does not: the objects' OpenAPI schemas (types,
// required fields, quantity and int-or-string formats; kubernetes-models compiles them from the
// upstream spec), and the apimachinery name rules for labels, ports, volumes and Secret keys.
// Unknown fields are caught at compile time: the renderer builds kubernetes-types objects.

type Validatable = { validate(): void };
const MODELS: Record<string, (obj: object) => Validatable> = {
  'v1/Namespace': (o) => new Namespace(o),
  'v1/Secret': (o) => new Secret(o),
  'v1/Service': (o) => new Service(o),
  'apps/v1/Deployment': (o) => new Deployment(o),
  'autoscaling/v2/HorizontalPodAutoscaler': (o) => new HorizontalPodAutoscaler(o as ConstructorParameters<typeof HorizontalPodAutoscaler>[0]),
  'networking.k8s.io/v1/Ingress': (o) => new Ingress(o),
};

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function keyErrors(key: string, what: string): string[] {
  const [prefix, name] = key.includes('/') ? key.split('/', 2) : [undefined, key];
  const errors: string[] = [];
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) errors.push(`${what} key ${key}: bad prefix`);
  if (!name || name.length > 63 || !QUALIFIED_NAME.test(name)) errors.push(`${what} key ${key}: bad name`);
  return errors;
}

/** apimachinery's IsValidPortName (IANA_SVC_NAME). */
function portNameErrors(name: string): string[] {
  const ok = name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && !name.includes('--') && /[a-z]/.test(name);
  return ok ? [] : [`port name ${name} is not an IANA_SVC_NAME`];
}

type Meta = { labels?: Record<string, string>; annotations?: Record<string, string> };
function metaErrors(meta: Meta | undefined): string[] {
  const errors: string[] = [];
  for (const [k, v] of Object.entries(meta?.labels ?? {})) {
    errors.push(...keyErrors(k, 'label'));
    if (v.length > 63 || !LABEL_VALUE.test(v)) errors.push(`label ${k}=${v}: bad value`);
  }
  for (const k of Object.keys(meta?.annotations ?? {})) errors.push(...keyErrors(k, 'annotation'));
  return errors;
}

type PodSpecLike = {
  containers: { name: string; ports?: { name?: string }[]; env?: { name: string }[]; volumeMounts?: { name: string }[] }[];
  volumes?: { name: string }[];
};

function podErrors(spec: PodSpecLike): string[] {
  const errors: string[] = [];
  const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
  for (const v of volumes) if (!DNS_LABEL.test(v) || v.length > 63) errors.push(`volume name ${v}`);
  for (const c of spec.containers) {
    if (!DNS_LABEL.test(c.name)) errors.push(`container name ${c.name}`);
    for (const p of c.ports ?? []) if (p.name) errors.push(...portNameErrors(p.name));
    for (const e of c.env ?? []) if (!ENV_NAME.test(e.name)) errors.push(`env name ${e.name}`);
    const names = (c.env ?? []).map((e) => e.name);
    if (new Set(names).size !== names.length) errors.push('duplicate env names');
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) errors.push(`mount of unknown volume ${m.name}`);
  }
  return errors;
}

/** Problems a real API server would report for this object; empty when it would accept it. */
export function apiServerProblems(obj: KubeObject): string[] {
  const model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!model) return [`no schema for ${obj.apiVersion}/${obj.kind}`];
  const errors: string[] = [];
  try {
    model(obj).validate();
  } catch (e) {
    errors.push(`${obj.kind} ${obj.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const full = obj as KubeObject & { spec?: { template?: { metadata?: Meta; spec?: PodSpecLike }; ports?: { name?: string }[] }; data?: Record<string, string> };
  errors.push(...metaErrors(obj.metadata));
  if (full.spec?.template) errors.push(...metaErrors(full.spec.template.metadata), ...(full.spec.template.spec ? podErrors(full.spec.template.spec) : []));
  for (const p of full.spec?.ports ?? []) if (p.name) errors.push(...portNameErrors(p.name));
  for (const k of Object.keys(full.data ?? {})) if (!SECRET_KEY.test(k)) errors.push(`secret key ${k}`);
  return errors;
}

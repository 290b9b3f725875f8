import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { badRequest } from '../errors.ts';

// application/vnd.kubernetes.protobuf request bodies, as kubectl's typed commands send them: the
// magic "k8s\0", then a runtime.Unknown envelope holding the TypeMeta and the object encoded as its
// generated message. The object is decoded with the Kubernetes .proto schemas (proto/, vendored)
// and turned into the JSON the rest of kube-sim works with, including the few types whose JSON
// form differs from their message (Quantity, IntOrString, Time, RawExtension, FieldsV1).

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const PROTO_ROOT = fileURLToPath(new URL('../../proto/', import.meta.url));
const FILES = [
  'k8s.io/api/core/v1/generated.proto',
  'k8s.io/api/apps/v1/generated.proto',
  'k8s.io/api/networking/v1/generated.proto',
  'k8s.io/api/authorization/v1/generated.proto',
  'k8s.io/api/autoscaling/v1/generated.proto',
  'k8s.io/api/batch/v1/generated.proto',
  'k8s.io/apimachinery/pkg/runtime/generated.proto',
];

let root: protobuf.Root | undefined;

function schemas(): protobuf.Root {
  if (root) return root;
  const r = new protobuf.Root();
  // Imports name files from the proto root ("k8s.io/apimachinery/…"), as protoc's -I does.
  r.resolvePath = (_origin, target) => join(PROTO_ROOT, target);
  r.loadSync(FILES, { keepCase: true });
  r.resolveAll();
  root = r;
  return r;
}

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

/** The message type of a kind: `apps/v1` Deployment is k8s.io.api.apps.v1.Deployment. */
function messageType(apiVersion: string, kind: string): protobuf.Type | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = group === 'meta.k8s.io' ? META : `k8s.io.api.${group ? (group ?? '').replace(/\.k8s\.io$/, '') : 'core'}.${version ?? ''}`;
  try {
    return schemas().lookupType(`${pkg}.${kind}`);
  } catch {
    return undefined;
  }
}

type Decoded = Record<string, unknown>;

function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  // 64-bit integers arrive as {low, high} when long.js is around; API values fit a double.
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) return Number((v as { high: number }).high) * 2 ** 32 + (Number((v as { low: number }).low) >>> 0);
  return Number(v);
}

function rfc3339(seconds: unknown): string {
  return new Date(asNumber(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Types whose JSON form is not their message's fields. */
const SPECIAL: Record<string, (m: Decoded) => unknown> = {
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (m) => m.string ?? '0',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (m) => (asNumber(m.type ?? 0) === 1 ? (m.strVal ?? '') : asNumber(m.intVal ?? 0)),
  [`${META}.Time`]: (m) => rfc3339(m.seconds ?? 0),
  [`${META}.MicroTime`]: (m) => new Date(asNumber(m.seconds ?? 0) * 1000 + Math.floor(asNumber(m.nanos ?? 0) / 1e6)).toISOString().replace('Z', '000Z'),
  [`${META}.Duration`]: (m) => `${asNumber(m.duration ?? 0) / 1e9}s`,
  [`${META}.FieldsV1`]: (m) => (m.Raw instanceof Uint8Array && m.Raw.length ? (JSON.parse(Buffer.from(m.Raw).toString('utf8')) as unknown) : {}),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (m) => (m.raw instanceof Uint8Array && m.raw.length ? (JSON.parse(Buffer.from(m.raw).toString('utf8')) as unknown) : {}),
};

function fullName(t: protobuf.Type): string {
  return t.fullName.replace(/^\./, '');
}

function value(field: protobuf.Field, v: unknown): unknown {
  const type = field.resolvedType;
  if (type instanceof protobuf.Type) return toJson(type, v as Decoded);
  if (field.type === 'bytes') return Buffer.from(v as Uint8Array).toString('base64');
  if (['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64', 'int32', 'uint32', 'sint32', 'double', 'float'].includes(field.type)) return asNumber(v);
  return v;
}

const INLINE = new Set([
  'k8s.io.api.core.v1.Volume.volumeSource',
  'k8s.io.api.core.v1.Probe.handler',
  'k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource',
  'k8s.io.api.networking.v1.IngressRule.ingressRuleValue',
]);

const own = (msg: Decoded, name: string): boolean => Object.prototype.hasOwnProperty.call(msg, name);

// Pointer fields of the API types (*int32, *bool…), where 0 or false is a value someone set. The
// schema cannot tell them from plain fields, which Go writes even when zero and whose JSON omits it.
const ZERO_MEANINGFUL = new Set([
  'replicas', 'minReplicas', 'suspend', 'immutable', 'optional', 'automountServiceAccountToken', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'backoffLimit', 'completions', 'parallelism',
  'ttlSecondsAfterFinished', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds', 'defaultMode',
  'runAsUser', 'runAsGroup', 'fsGroup', 'privileged', 'runAsNonRoot', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem',
  'enableServiceLinks', 'hostUsers', 'allocateLoadBalancerNodePorts', 'allowed', 'denied', 'targetCPUUtilizationPercentage',
]);

/**
 * Go writes every non-pointer field, so the message has empty strings, zeros, false and zero times
 * where the JSON has nothing: those are dropped (a zero Time is an empty message), except the
 * pointer fields' zeros above.
 */
function toJson(type: protobuf.Type, msg: Decoded): unknown {
  const name = fullName(type);
  if ((name === `${META}.Time` || name === `${META}.MicroTime`) && !own(msg, 'seconds')) return undefined;
  const special = SPECIAL[name];
  if (special) return special(msg);
  const out: Decoded = {};
  for (const field of type.fieldsArray) {
    if (!own(msg, field.name)) continue;
    const v = msg[field.name];
    if (v === undefined || v === null) continue;
    if (field.map) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length) out[field.name] = Object.fromEntries(entries.map(([k, x]) => [k, value(field, x)]));
    } else if (field.repeated) {
      const list = v as unknown[];
      if (list.length) out[field.name] = list.map((x) => value(field, x));
    } else {
      const converted = value(field, v);
      // Go structs embedded with `json:",inline"` are a field in the message but flat in JSON.
      if (INLINE.has(`${name}.${field.name}`) && typeof converted === 'object' && converted !== null) {
        Object.assign(out, converted);
        continue;
      }
      const zero = converted === '' || ((converted === 0 || converted === false) && !(field.resolvedType instanceof protobuf.Type) && !ZERO_MEANINGFUL.has(field.name));
      if (converted !== undefined && !zero) out[field.name] = converted;
    }
  }
  return out;
}

/** The JSON object a protobuf body encodes; 400 when it is not a known kind's envelope. */
export function decodeProtobuf(buf: Buffer): Decoded {
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw badRequest('the protobuf body does not start with the Kubernetes magic number');
  const envelope = schemas().lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
  let unknown: Decoded;
  try {
    unknown = envelope.decode(buf.subarray(MAGIC.length)) as unknown as Decoded;
  } catch (err) {
    throw badRequest(`the protobuf envelope could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const apiVersion = typeMeta.apiVersion ?? '';
  const kind = typeMeta.kind ?? '';
  const type = messageType(apiVersion, kind);
  if (!type) throw badRequest(`no kind "${kind}" is registered for version "${apiVersion}" in the protobuf schemas kube-sim has`);
  let msg: Decoded;
  try {
    msg = type.decode((unknown.raw as Uint8Array | undefined) ?? new Uint8Array()) as unknown as Decoded;
  } catch (err) {
    throw badRequest(`the ${kind} in the protobuf body could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { apiVersion, kind, ...(toJson(type, msg) as Decoded) };
}

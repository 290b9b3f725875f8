import type { KObject } from '../store.ts';
import { ApiError, badRequest } from '../errors.ts';
import { printerFor } from '../printers/index.ts';
import type { ResourceRoute } from './route.ts';
import { present, type ServerContext } from './context.ts';

// Content negotiation for the meta.k8s.io conversions the apiserver offers on reads: a Table
// (server-side printing, what `kubectl get` asks for), or PartialObjectMetadata(List) (metadata-only
// informers). Clients ask through the Accept header, e.g.
//   application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json
// and the first acceptable clause wins.

export type Conversion = { as: 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList'; version: 'v1' | 'v1beta1' };
/** What the request reads: one object, a list, or a watch (whose events carry single objects). */
export type ReadKind = 'object' | 'list' | 'watch';

const ALLOWED: Record<ReadKind, Conversion['as'][]> = {
  object: ['Table', 'PartialObjectMetadata'],
  list: ['Table', 'PartialObjectMetadataList'],
  watch: ['Table', 'PartialObjectMetadata'],
};

type Clause = { q: number; params: Map<string, string> };

function parseAccept(header: string): Clause[] {
  const clauses = header.split(',').map((part): Clause => {
    const [, ...rawParams] = part.split(';');
    const params = new Map<string, string>();
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, ''));
    }
    const q = Number(params.get('q') ?? 1);
    return { q: Number.isNaN(q) ? 0 : q, params };
  });
  // Highest quality first; Array.prototype.sort is stable, so ties keep the client's order.
  return clauses.filter((c) => c.q > 0).sort((a, b) => b.q - a.q);
}

/**
 * The conversion the Accept header asks for, or undefined for the plain object or list. A header
 * that only names conversions this read cannot give is answered 406, as the apiserver does.
 */
export function negotiate(accept: string | undefined, kind: ReadKind): Conversion | undefined {
  if (!accept?.trim()) return undefined;
  for (const c of parseAccept(accept)) {
    const as = c.params.get('as');
    // kube-sim answers every plain media type with JSON (it speaks neither protobuf nor YAML).
    if (as === undefined) return undefined;
    const version = c.params.get('v');
    if (c.params.get('g') !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) continue;
    const target = ALLOWED[kind].find((a) => a === as);
    if (target) return { as: target, version };
  }
  throw new ApiError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
}

type Include = 'None' | 'Metadata' | 'Object';

function includeObject(query: URLSearchParams): Include {
  const v = query.get('includeObject') ?? 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`includeObject: Unsupported value: "${v}": supported values: "None", "Metadata", "Object"`);
}

type Read = { route: ResourceRoute; query: URLSearchParams; ctx: ServerContext };

function partial(obj: KObject, version: string): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

/** Turns objects into a Table (or metadata) as the request asked; `headers` false omits columnDefinitions. */
export function converter(conv: Conversion, { route, query, ctx }: Read): (objs: readonly KObject[], metadata: Record<string, unknown>, headers?: boolean) => object {
  const include = conv.as === 'Table' ? includeObject(query) : 'Metadata';
  const apiVersion = `meta.k8s.io/${conv.version}`;
  const printer = printerFor(route.type);
  const rowObject = (o: KObject): KObject | null => (include === 'None' ? null : include === 'Object' ? present(o, route.type, route.version) : partial(o, conv.version));
  return (objs, metadata, headers = true) => {
    if (conv.as === 'PartialObjectMetadataList') return { kind: conv.as, apiVersion, metadata, items: objs.map((o) => partial(o, conv.version)) };
    if (conv.as === 'PartialObjectMetadata') return objs[0] ? partial(objs[0], conv.version) : { kind: conv.as, apiVersion, metadata };
    const now = ctx.store.now();
    const rows = objs.map((o) => ({ cells: printer.cells(o, now), object: rowObject(o) }));
    // On a watch only the first event names the columns, as the apiserver's watch encoder does.
    return { kind: 'Table', apiVersion, metadata, columnDefinitions: headers ? printer.columns : null, rows };
  };
}

/** The single-object read: a one-row Table carrying the object's resourceVersion, or its metadata. */
export function convertObject(conv: Conversion, obj: KObject, r: Read): object {
  return converter(conv, r)([obj], { resourceVersion: obj.metadata.resourceVersion });
}

import { badRequest, ApiError } from '../errors.ts';
import { deepEqual, isObject, type Json } from './keys.ts';

// RFC 6902 JSON patch with RFC 6901 pointers. Applied to a copy; any failure leaves the object as it was.

type Op = { op: string; path: string; value?: Json; from?: string };

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer: ${path}`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function unprocessable(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function parentOf(doc: Json, tokens: string[], opPath: string): { parent: Json; last: string } {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(t)] : isObject(cur) ? cur[t] : undefined;
    if (next === undefined) throw unprocessable(`doc is missing path: "${opPath}": missing value`);
    cur = next;
  }
  return { parent: cur, last: tokens[tokens.length - 1] ?? '' };
}

function read(doc: Json, path: string): Json {
  let cur: Json | undefined = doc;
  for (const t of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isObject(cur) ? cur[t] : undefined;
    if (cur === undefined) throw unprocessable(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function add(doc: Json, path: string, value: Json): Json {
  const tokens = pointer(path);
  if (!tokens.length) return value;
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw unprocessable(`add operation does not apply: index ${last} out of bounds for "${path}"`);
    parent.splice(i, 0, value);
  } else if (isObject(parent)) parent[last] = value;
  else throw unprocessable(`add operation does not apply: doc is missing path: "${path}"`);
  return doc;
}

function remove(doc: Json, path: string): Json {
  const tokens = pointer(path);
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw unprocessable(`remove operation does not apply: doc is missing path: "${path}"`);
    parent.splice(i, 1);
  } else if (isObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) delete parent[last];
  else throw unprocessable(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  return doc;
}

export function applyJsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const raw of ops as Op[]) {
    if (!isObject(raw) || typeof raw.path !== 'string') throw badRequest('invalid json patch operation');
    switch (raw.op) {
      case 'add': doc = add(doc, raw.path, structuredClone(raw.value ?? null)); break;
      case 'remove': doc = remove(doc, raw.path); break;
      case 'replace': read(doc, raw.path); doc = add(remove(doc, raw.path), raw.path, structuredClone(raw.value ?? null)); break;
      case 'move': { const v = read(doc, raw.from ?? ''); doc = add(remove(doc, raw.from ?? ''), raw.path, v); break; }
      case 'copy': doc = add(doc, raw.path, structuredClone(read(doc, raw.from ?? ''))); break;
      case 'test': if (!deepEqual(read(doc, raw.path), raw.value)) throw unprocessable(`testing value ${raw.path} failed`); break;
      default: throw badRequest(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return doc;
}

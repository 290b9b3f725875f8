// Pod-template identity: which ReplicaSet belongs to which template. The real controller hashes
// the template (FNV-32a) and encodes the number with the apimachinery "safe" alphabet, so names
// look like `web-7d9c5b8f6d`; the exact bytes differ from Go's (it hashes a spew dump), which no
// client can observe.

export const POD_TEMPLATE_HASH = 'pod-template-hash';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with sorted keys, so key order from patches or YAML never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRec(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What Go's decoder makes of a template: null, {} and [] are all the zero value of an omitempty
 * field. kubectl sends `creationTimestamp: null` inside templates (rollout undo copies one back),
 * and a real apiserver compares decoded structs, so these must not tell two templates apart.
 */
function zeroless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(zeroless);
  if (!isRec(value)) return value;
  const out: Rec = {};
  for (const [k, v] of Object.entries(value)) {
    const z = zeroless(v);
    if (z === null || z === undefined) continue;
    if (Array.isArray(z) && z.length === 0) continue;
    if (isRec(z) && Object.keys(z).length === 0) continue;
    out[k] = z;
  }
  return out;
}

const templateKey = (template: unknown): string => canonicalJson(zeroless(withoutHashLabel(template)));

function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += SAFE_ALPHABET[byte % SAFE_ALPHABET.length];
  return out;
}

/** The template with the pod-template-hash label taken out (EqualIgnoreHash). */
export function withoutHashLabel(template: unknown): Rec {
  const copy: Rec = isRec(template) ? structuredClone(template) : {};
  const meta = copy.metadata;
  if (isRec(meta) && isRec(meta.labels)) {
    const { [POD_TEMPLATE_HASH]: _hash, ...rest } = meta.labels;
    meta.labels = rest;
  }
  return copy;
}

export function templateHash(template: unknown, collisionCount = 0): string {
  let text = templateKey(template);
  if (collisionCount > 0) text += `#${collisionCount}`;
  return safeEncode(String(fnv32a(text)));
}

export function templatesEqual(a: unknown, b: unknown): boolean {
  return templateKey(a) === templateKey(b);
}

/** Random pod-name suffixes use the same alphabet as generateName in the apiserver. */
export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[Math.floor(Math.random() * SAFE_ALPHABET.length)];
  return out;
}

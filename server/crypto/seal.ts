import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { env } from '../env.ts';

// Secrets at rest (kubeconfigs, database passwords, SSH keys) are sealed with AES-256-GCM.
// Format: v2.<iv>.<tag>.<ciphertext>, base64url parts. v2 binds each value to where it lives
// (table, column, row id) as additional authenticated data, so a sealed value copied into another
// row or column no longer unseals. v1 values (no binding) stay readable until they are rewritten.

/** Where a sealed value is stored; part of what the tag authenticates. */
export type SealedField = { table: string; column: string; id: number | string };

const IV_BYTES = 12;
const TAG_BYTES = 16;

function key(): Buffer {
  return Buffer.from(env().DRUCKER_SECRET_KEY, 'base64');
}

function aad(where: SealedField): Buffer {
  return Buffer.from(`drucker:${where.table}.${where.column}:${where.id}`, 'utf8');
}

export function seal(plaintext: string, where: SealedField, sealingKey: Buffer = key()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(where));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v2', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function unseal(sealed: string, where: SealedField, sealingKey: Buffer = key()): string {
  const [version, ivText, tagText, ciphertext, ...rest] = sealed.split('.');
  if ((version !== 'v1' && version !== 'v2') || ivText === undefined || tagText === undefined || ciphertext === undefined || rest.length > 0) {
    throw new Error('sealed value has an unknown format');
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  // GCM accepts short tags and odd IVs; a short tag is forgeable, so only the sizes seal() writes pass.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('sealed value has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey, iv, { authTagLength: TAG_BYTES });
  if (version === 'v2') decipher.setAAD(aad(where));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // Never echo the sealed value or key material.
    throw new Error(
      `cannot unseal ${where.table}.${where.column} of row ${where.id}: DRUCKER_SECRET_KEY is not the key it was sealed with, or the value was moved from another row`,
    );
  }
}

/** True for values written before v2 (no row binding); callers re-seal them when they next write. */
export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith('v1.');
}

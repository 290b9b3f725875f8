import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { env } from '../env.ts';

// Secrets at rest (kubeconfigs, database passwords, SSH keys) are sealed with AES-256-GCM.
// Format: v1.<iv>.<tag>.<ciphertext>, base64url parts; the version lets the key or cipher change later.
const VERSION = 'v1';

function key(): Buffer {
  return Buffer.from(env().DRUCKER_SECRET_KEY, 'base64');
}

export function seal(plaintext: string, sealingKey: Buffer = key()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function unseal(sealed: string, sealingKey: Buffer = key()): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error('sealed value has an unknown format');
  }
  const decipher = createDecipheriv('aes-256-gcm', sealingKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // Never echo the sealed value or key material.
    throw new Error('cannot unseal a secret: DRUCKER_SECRET_KEY is not the key it was sealed with');
  }
}

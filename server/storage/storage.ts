import type { Readable } from 'node:stream';

// Model storage behind one interface (DESIGN.md "Models"): a directory or an S3-compatible
// bucket. Only this folder touches files and buckets (STYLE.md); everything is a stream, so no
// model is ever held whole in memory.

export type PutOptions = {
  signal?: AbortSignal;
  /** Called as bytes are written, with the running total. */
  onProgress?: (bytes: number) => void;
};

export type StoredObject = { key: string; size: number };

export interface ModelStorage {
  /** Where this storage is, for messages (never with credentials). */
  readonly description: string;
  /**
   * Writes the stream under the key. The object appears whole or not at all: a failed or aborted
   * put leaves no partial object behind. Replaces an existing object.
   */
  put(key: string, body: Readable, options?: PutOptions): Promise<{ size: number }>;
  /** Reads the object; throws StorageNotFoundError when it is missing. */
  get(key: string, options?: { signal?: AbortSignal }): Promise<Readable>;
  /** The object's size, or null when it is missing. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the object; a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Objects whose key starts with the prefix, in key order. */
  list(prefix: string): Promise<StoredObject[]>;
}

export class StorageNotFoundError extends Error {
  constructor(key: string, where: string) {
    super(`${key} is not in ${where}`);
    this.name = 'StorageNotFoundError';
  }
}

/**
 * Keys are relative paths of safe components ("app/model-1/model.bin"), so a key can never leave
 * the storage's root or name a hidden file.
 */
export function checkKey(key: string): string {
  const parts = key.split('/');
  if (key.length === 0 || key.length > 900 || parts.some((part) => !isSafeComponent(part))) {
    throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  }
  return key;
}

/** A file-name component with no separators, no NUL, not `.`/`..` and no leading dot. */
export function isSafeComponent(part: string): boolean {
  return part.length > 0 && part.length <= 255 && !part.startsWith('.') && !/[/\\\0]/.test(part);
}

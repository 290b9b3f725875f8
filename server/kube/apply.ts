import type { KubeObject, Signal } from './cluster-client.ts';
import type { KubeConnection } from './connection.ts';
import { KubeError } from './errors.ts';
import { objectPath, type ObjectRef } from './resources.ts';
import { withRetry } from './retry.ts';

// Server-side apply of the whole desired object under one field manager (STYLE.md): the API
// server merges, fields Drucker stops sending are removed, and a person's own fields survive.
// `force` takes over fields another manager (kubectl edit, a previous tool) changed.

export const FIELD_MANAGER = 'drucker';

export async function applyObjects(conn: KubeConnection, objects: KubeObject[], opts: Signal = {}): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  for (const obj of objects) {
    const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
    const path = objectPath(ref);
    applied.push(
      await withRetry(
        () => conn.json<KubeObject>({ method: 'PATCH', path, query: { fieldManager: FIELD_MANAGER, force: true }, body: obj, contentType: 'application/apply-patch+yaml', signal: opts.signal }),
        opts.signal,
      ),
    );
  }
  return applied;
}

export async function removeObjects(conn: KubeConnection, refs: ObjectRef[], opts: Signal = {}): Promise<void> {
  for (const ref of refs) {
    const path = objectPath(ref);
    try {
      await withRetry(
        () => conn.json({ method: 'DELETE', path, body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' }, signal: opts.signal }),
        opts.signal,
      );
    } catch (e) {
      // Already gone is what we wanted (a retried job, or someone deleted it by hand).
      if (e instanceof KubeError && e.kind === 'not_found') continue;
      throw e;
    }
  }
}

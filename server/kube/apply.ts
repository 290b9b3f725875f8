import type { KubeObject, Signal } from './cluster-client.ts';
import type { KubeConnection } from './connection.ts';
import { KubeError } from './errors.ts';
import { objectPath, type ObjectRef } from './resources.ts';
import { withRetry } from './retry.ts';

// Server-side apply of the whole desired object under one field manager (STYLE.md): the API
// server merges, fields Drucker stops sending are removed, and a person's own fields survive.
// `force` takes over fields another manager (kubectl edit, a previous tool) changed.

export const FIELD_MANAGER = 'drucker';
// Co-owns a Deployment's replicas for a moment when Drucker stops setting them (an HPA takes
// over): otherwise server-side apply would remove the field and the Deployment would fall back
// to 1 replica until the HPA scaled it up again. (Kubernetes docs: "Transferring ownership".)
const REPLICAS_HANDOVER = 'drucker-replicas-handover';

type ManagedFields = { manager?: string; fieldsV1?: { 'f:spec'?: { 'f:replicas'?: unknown } } }[];
type LiveDeployment = KubeObject & { spec?: { replicas?: number } };

async function handOverReplicas(conn: KubeConnection, obj: KubeObject, path: string, signal?: AbortSignal): Promise<void> {
  if (obj.apiVersion !== 'apps/v1' || obj.kind !== 'Deployment' || (obj as LiveDeployment).spec?.replicas !== undefined) return;
  let live: LiveDeployment;
  try {
    live = await withRetry(() => conn.json<LiveDeployment>({ path, signal }), signal);
  } catch (e) {
    if (e instanceof KubeError && e.kind === 'not_found') return;
    throw e;
  }
  const replicas = live.spec?.replicas;
  const owners = ((live.metadata.managedFields ?? []) as ManagedFields).filter((f) => f.fieldsV1?.['f:spec']?.['f:replicas'] !== undefined).map((f) => f.manager);
  if (replicas === undefined || owners.some((m) => m !== FIELD_MANAGER)) return;
  const claim = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace }, spec: { replicas } };
  await withRetry(
    () => conn.json({ method: 'PATCH', path, query: { fieldManager: REPLICAS_HANDOVER, force: true }, body: claim, contentType: 'application/apply-patch+yaml', signal }),
    signal,
  );
}

export async function applyObjects(conn: KubeConnection, objects: KubeObject[], opts: Signal = {}): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  for (const obj of objects) {
    const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
    const path = objectPath(ref);
    await handOverReplicas(conn, obj, path, opts.signal);
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

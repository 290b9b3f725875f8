import type { KubeObject } from './cluster-client.ts';
import type { KubeConnection } from './connection.ts';
import { KubeError } from './errors.ts';

// A whole list, page by page. A continue token that expired (410) starts the list again.

const PAGE = 500;

export type ListQuery = { labelSelector?: string; fieldSelector?: string };
export type ListResult<T> = { items: T[]; resourceVersion: string };

type ListBody<T> = { items?: T[]; metadata?: { resourceVersion?: string; continue?: string } };

export async function listAll<T = KubeObject>(conn: KubeConnection, path: string, query: ListQuery, signal?: AbortSignal): Promise<ListResult<T>> {
  for (let restarts = 0; ; restarts++) {
    const items: T[] = [];
    let token: string | undefined;
    try {
      for (;;) {
        const page = await conn.json<ListBody<T>>({ path, query: { ...query, limit: PAGE, continue: token }, signal });
        items.push(...(page.items ?? []));
        token = page.metadata?.continue || undefined;
        if (!token) return { items, resourceVersion: page.metadata?.resourceVersion ?? '' };
      }
    } catch (e) {
      if (e instanceof KubeError && e.status === 410 && token && restarts < 3) continue;
      throw e;
    }
  }
}

import { RESOURCES, groups, type ResourceType } from './resources.ts';

// Legacy (unaggregated) discovery documents. Clients that ask for aggregated discovery first
// (kubectl) fall back to these when the response is a plain APIGroupList.

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kube-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T00:00:00Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(name: string, versions: string[]): object {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map((g) => groupEntry(g.name, g.versions)) };
}

export function apiGroup(name: string): object | undefined {
  const g = groups().find((x) => x.name === name);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g.name, g.versions) } : undefined;
}

const SUB_VERBS: Record<string, string[]> = { status: ['get', 'patch', 'update'], scale: ['get', 'patch', 'update'], log: ['get'] };

function entries(t: ResourceType): object[] {
  const main: Record<string, unknown> = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs };
  if (t.shortNames.length) main.shortNames = t.shortNames;
  if (t.categories) main.categories = t.categories;
  const subs = t.subresources.map((s) => {
    const e: Record<string, unknown> = { name: `${t.plural}/${s}`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: SUB_VERBS[s] ?? ['get'] };
    if (s === 'scale') Object.assign(e, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
    return e;
  });
  return [main, ...subs];
}

export function apiResourceList(group: string, version: string): object | undefined {
  const types = RESOURCES.filter((t) => t.group === group && t.versions.includes(version));
  if (!types.length) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: types.flatMap(entries) };
}

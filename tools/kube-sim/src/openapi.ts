import { RESOURCES, type ResourceType } from './resources.ts';

// A skeletal OpenAPI v3: paths only, no schemas. kubectl reads it for one thing, whether the PATCH
// of a kind takes `fieldValidation`; when it does, kubectl leaves validation to the server instead
// of downloading full schemas (which kube-sim does not have). The PATCH request bodies list no
// strategic-merge content type, so kubectl computes strategic patches from its compiled-in types.

function gvKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openApiIndex(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const t of RESOURCES) {
    for (const v of t.versions) {
      const k = gvKey(t.group, v);
      paths[k] = { serverRelativeURL: `/openapi/v3/${k}?hash=kube-sim-1` };
    }
  }
  return { paths };
}

function itemPath(t: ResourceType, version: string): string {
  const base = `/${gvKey(t.group, version)}`;
  return t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}/{name}` : `${base}/${t.plural}/{name}`;
}

export function openApiGroupVersion(path: string): object | undefined {
  const types = RESOURCES.filter((t) => t.versions.some((v) => gvKey(t.group, v) === path));
  if (!types.length) return undefined;
  const paths: Record<string, object> = {};
  for (const t of types) {
    if (t.virtual) continue;
    const version = t.versions.find((v) => gvKey(t.group, v) === path) ?? 'v1';
    const gvk = { group: t.group, version, kind: t.kind };
    paths[itemPath(t, version)] = {
      patch: {
        operationId: `patch${t.kind}`,
        parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string' } })),
        requestBody: { content: { 'application/json-patch+json': {}, 'application/merge-patch+json': {}, 'application/apply-patch+yaml': {} } },
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes (kube-sim)', version: 'v1.32.0' }, paths, components: { schemas: {} } };
}

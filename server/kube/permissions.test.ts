import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clusterRoleRules, describePermission, requiredPermissions } from './permissions.ts';

describe('permissions', () => {
  it('names permissions as RBAC and kubectl do', () => {
    expect(describePermission({ verb: 'create', group: 'apps', resource: 'deployments' })).toBe('create deployments.apps');
    expect(describePermission({ verb: 'get', group: '', resource: 'pods/log' })).toBe('get pods/log');
  });

  it('asks for the traffic router kinds only with that router', () => {
    const resources = (r?: 'none' | 'gateway-api' | 'istio') => new Set(requiredPermissions(r).map((p) => p.resource));
    expect(resources().has('httproutes')).toBe(false);
    expect(resources('gateway-api').has('grpcroutes')).toBe(true);
    expect(resources('istio').has('virtualservices')).toBe(true);
    expect(requiredPermissions().some((p) => p.resource === 'namespaces' && p.verb === 'delete')).toBe(false);
  });

  it('matches the ClusterRole the README tells people to create', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /## Cluster permissions[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README has a "Cluster permissions" section with a yaml block').toBeDefined();
    const role = parse(block ?? '') as { rules: unknown[] };
    expect(role.rules).toEqual(clusterRoleRules('none'));
  });
});

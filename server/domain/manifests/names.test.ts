import { describe, expect, it } from 'vitest';
import { isDnsSubdomain, levelHost, levelK8sName, namespaceFor, serviceHost, serviceK8sName } from './names.ts';

describe('serviceK8sName', () => {
  it('is <app>-<level>-<suffix>', () => {
    expect(serviceK8sName('iris', 'production', 'x7k2p9')).toBe('iris-production-x7k2p9');
  });

  it('fits 63 characters for the longest application name (40) and level', () => {
    const name = serviceK8sName('a'.repeat(40), 'development', 'abcdef');
    expect(name.length).toBeLessThanOrEqual(63);
  });

  it('refuses what Kubernetes would, saying what to change', () => {
    expect(() => serviceK8sName('a'.repeat(50), 'development', 'abcdef')).toThrow(/is 69 characters, over the limit of 63; use a shorter application name/);
    expect(() => serviceK8sName('3d-model', 'beta', 'abcdef')).toThrow(/rename the application to start with a letter/);
    expect(() => serviceK8sName('iris', 'beta', 'AB_1')).toThrow('the name suffix "AB_1" must be lowercase letters and digits');
  });
});

describe('levelK8sName and hosts', () => {
  it('names the level objects and hosts as the original did', () => {
    expect(levelK8sName('iris', 'staging')).toBe('iris-staging');
    expect(levelHost('iris', 'staging', 'ml.example.com')).toBe('iris-staging.ml.example.com');
    expect(serviceHost('iris-staging-abc123', 'ml.example.com')).toBe('iris-staging-abc123.ml.example.com');
    expect(() => levelK8sName('9lives', 'beta')).toThrow(/starting with a letter/);
  });

  it('tells DNS names from other strings', () => {
    expect(isDnsSubdomain('ml.example.com')).toBe(true);
    expect(isDnsSubdomain('localhost')).toBe(true);
    expect(isDnsSubdomain('10.0.0.1')).toBe(false);
    expect(isDnsSubdomain('*.example.com')).toBe(false);
    expect(isDnsSubdomain(`${'a'.repeat(64)}.example.com`)).toBe(false);
    expect(isDnsSubdomain('Example.com')).toBe(false);
  });
});

describe('namespaceFor', () => {
  const values = { level: 'beta' as const, app: 'iris', project: 'ml' };
  it('fills the cluster template (default: the level, as the original)', () => {
    expect(namespaceFor('{level}', { ...values, level: 'production' })).toBe('production');
    expect(namespaceFor('{application}-{level}', values)).toBe('iris-beta');
    expect(namespaceFor('{project}-{level}', values)).toBe('ml-beta');
    expect(namespaceFor('ml-models', values)).toBe('ml-models');
  });

  it('refuses unknown placeholders and names Kubernetes would refuse', () => {
    expect(() => namespaceFor('{team}-{level}', values)).toThrow(`the cluster's namespace template "{team}-{level}" has the unknown placeholder {team}`);
    expect(() => namespaceFor('ML_{level}', values)).toThrow(/the namespace "ML_beta" .* is not a DNS-1123 label/);
    expect(() => namespaceFor(`${'n'.repeat(50)}-{application}`, { ...values, app: 'a'.repeat(20) })).toThrow(/not a DNS-1123 label of at most 63 characters/);
  });
});

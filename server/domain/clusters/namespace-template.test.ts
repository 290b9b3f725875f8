import { describe, expect, it } from 'vitest';
import { namespaceTemplateProblem, renderNamespace } from './namespace-template.ts';

const longest = 'a'.repeat(40);

describe('namespace templates', () => {
  it('renders the placeholders', () => {
    expect(renderNamespace('{level}', { level: 'staging', application: 'iris', project: 'ml' })).toBe('staging');
    expect(renderNamespace('{project}-{application}-{level}', { level: 'beta', application: 'iris', project: 'ml' })).toBe('ml-iris-beta');
  });

  it('accepts the default and fixed namespaces', () => {
    expect(namespaceTemplateProblem('{level}', 'ml', longest)).toBeUndefined();
    expect(namespaceTemplateProblem('drucker-{level}', 'ml', longest)).toBeUndefined();
    expect(namespaceTemplateProblem('models', 'ml', longest)).toBeUndefined();
  });

  it('names the unknown placeholder', () => {
    expect(namespaceTemplateProblem('{team}-{level}', 'ml', longest)).toMatch(/unknown placeholder \{team\}/);
  });

  it('refuses templates that render an invalid label for some level', () => {
    expect(namespaceTemplateProblem('Drucker-{level}', 'ml', longest)).toMatch(/renders "Drucker-development"/);
    expect(namespaceTemplateProblem('{level}-', 'ml', longest)).toMatch(/starting and ending/);
    expect(namespaceTemplateProblem('ns_{level}', 'ml', longest)).toMatch(/lowercase/);
  });

  it('refuses templates too long for the longest application or this project', () => {
    expect(namespaceTemplateProblem('{application}-{level}', 'ml', longest)).toBeUndefined();
    expect(namespaceTemplateProblem('drucker-ns-{project}-{application}-{level}', 'ml', longest)).toMatch(/longer than the 63/);
    expect(namespaceTemplateProblem('{project}-{level}', 'p'.repeat(60), longest)).toMatch(/for development, longer/);
  });
});

import { serviceLevels, type ServiceLevel } from '../../../db/schema/common.ts';

// A cluster's namespace template names the namespace each service lands in (DESIGN.md
// "Manifests"); the default `{level}` is the original Drucker's one namespace per level.
export const DEFAULT_NAMESPACE_TEMPLATE = '{level}';
export const namespacePlaceholders = ['level', 'application', 'project'] as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export type NamespaceValues = { level: ServiceLevel; application: string; project: string };

/** The namespace for one service: the template with its placeholders filled in. */
export function renderNamespace(template: string, values: NamespaceValues): string {
  return template.replace(/\{(level|application|project)\}/g, (_match, key: keyof NamespaceValues) => values[key]);
}

/**
 * Why a template cannot be used, or undefined when every level renders a DNS-1123 label, for
 * this project and for the longest application name allowed.
 */
export function namespaceTemplateProblem(template: string, project: string, longestApplication: string): string | undefined {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => !(namespacePlaceholders as readonly string[]).includes(name ?? ''));
  if (unknown.length > 0) {
    return `unknown placeholder {${unknown[0]}}; use ${namespacePlaceholders.map((p) => `{${p}}`).join(', ')}`;
  }
  for (const level of serviceLevels) {
    const rendered = renderNamespace(template, { level, application: longestApplication, project });
    if (rendered.length > 63) return `renders "${rendered}" for ${level}, longer than the 63 characters a namespace may have`;
    if (!DNS_LABEL.test(rendered)) {
      return `renders "${rendered}" for ${level}; a namespace must be lowercase letters, digits and '-', starting and ending with a letter or digit`;
    }
  }
  return undefined;
}

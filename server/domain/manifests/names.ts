import type { ServiceLevel } from '../../../db/schema/common.ts';
import { AppError } from '../../errors.ts';
import { renderNamespace } from '../clusters/namespace-template.ts';

// Kubernetes names Drucker makes. Object names are DNS-1123 labels of at most 63 characters;
// a Service name must also start with a letter (DNS-1035), and every service's objects share its
// k8s name, so the k8s name follows the stricter rule.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LABEL = 63;
const MAX_HOST = 253;

export function isDnsLabel(value: string): boolean {
  return value.length <= MAX_LABEL && DNS1123_LABEL.test(value);
}

/** A host name of DNS-1123 labels, as an Ingress host must be (no IP addresses, no wildcard). */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= MAX_HOST && value.split('.').every(isDnsLabel) && !/^[0-9.]+$/.test(value);
}

/**
 * `<app>-<level>-<suffix>`, the original Drucker's service name: the Deployment, Service, Ingress
 * and HPA of one service all carry it. The suffix is short and random, chosen by the caller.
 */
export function serviceK8sName(app: string, level: string, suffix: string): string {
  const name = `${app}-${level}-${suffix}`;
  if (!DNS1123_LABEL.test(suffix)) throw new AppError('BAD_REQUEST', `the name suffix "${suffix}" must be lowercase letters and digits`);
  if (name.length > MAX_LABEL) {
    throw new AppError('BAD_REQUEST', `the Kubernetes name "${name}" is ${name.length} characters, over the limit of ${MAX_LABEL}; use a shorter application name`);
  }
  if (!DNS1035_LABEL.test(name)) {
    throw new AppError('BAD_REQUEST', `the Kubernetes name "${name}" is not valid for a Service (lowercase letters, digits and '-', starting with a letter); rename the application to start with a letter`);
  }
  return name;
}

/** `<app>-<level>`: the level's shared Service and Ingress (the A/B test's common address). */
export function levelK8sName(app: string, level: string): string {
  const name = `${app}-${level}`;
  if (name.length > MAX_LABEL || !DNS1035_LABEL.test(name)) {
    throw new AppError('BAD_REQUEST', `"${name}" cannot name a Kubernetes Service: it must be at most ${MAX_LABEL} lowercase letters, digits and '-', starting with a letter`);
  }
  return name;
}

/**
 * The namespace of a new service, from the cluster's template (default `{level}`, as in the
 * original; placeholders as clusters/namespace-template.ts defines them, which also checks a
 * template when a cluster is saved).
 */
export function namespaceFor(template: string, values: { level: ServiceLevel; app: string; project: string }): string {
  const namespace = renderNamespace(template, { level: values.level, application: values.app, project: values.project });
  const left = /\{([^}]*)\}/.exec(namespace);
  if (left) throw new AppError('BAD_REQUEST', `the cluster's namespace template "${template}" has the unknown placeholder {${left[1]}}; change the cluster's namespace template`);
  if (!isDnsLabel(namespace)) {
    throw new AppError('BAD_REQUEST', `the namespace "${namespace}" (from the cluster's template "${template}") is not a DNS-1123 label of at most ${MAX_LABEL} characters; change the cluster's namespace template`);
  }
  return namespace;
}

export function serviceHost(k8sName: string, dnsName: string): string {
  return `${k8sName}.${dnsName}`;
}

export function levelHost(app: string, level: string, dnsName: string): string {
  return `${app}-${level}.${dnsName}`;
}

import type { KObject } from './store.ts';
import type { ResourceType } from './resources.ts';
import { badRequest, invalid, type StatusCause } from './errors.ts';
import { parseLabelSelector, matchesLabels } from './selectors.ts';
import { fieldError, isRecord, text, type Causes } from './validation/field-errors.ts';
import { annotationsCauses, labelsCauses } from './validation/names.ts';
import { podSpecCauses, QuantityDecodeError } from './validation/pod-spec.ts';
import { serviceCauses } from './validation/service.ts';

// The apiserver's validation for the kinds served, with its field paths and wording (learned from
// pkg/apis/core/validation and pkg/apis/apps/validation), so clients and Drucker's renderer meet
// here the refusals a real cluster gives. src/validation/ holds the rules; this file picks them
// per kind.

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const RULES = {
  subdomain: { re: SUBDOMAIN, max: 253, msg: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" },
  label: { re: LABEL, max: 63, msg: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" },
  dns1035: { re: DNS1035, max: 63, msg: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')" },
} as const;

function nameCauses(field: string, value: string, rule: keyof typeof RULES): StatusCause[] {
  const spec = RULES[rule];
  const causes: StatusCause[] = [];
  if (value.length > spec.max) causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: "${value}": must be no more than ${spec.max} characters` });
  if (!spec.re.test(value)) causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: "${value}": ${spec.msg}` });
  return causes;
}

const STRATEGIES = ['Recreate', 'RollingUpdate'];

/** Deployment / ReplicaSet (and the other pod-template workloads): selector, template, strategy. */
function workloadCauses(t: ResourceType, obj: KObject): Causes {
  const causes: Causes = [];
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const selector = isRecord(spec.selector) ? spec.selector : undefined;
  const template = isRecord(spec.template) ? spec.template : {};
  const tmeta = isRecord(template.metadata) ? template.metadata : {};
  const labels = isRecord(tmeta.labels) ? (tmeta.labels as Record<string, string>) : {};
  const matchLabels = selector && isRecord(selector.matchLabels) ? (selector.matchLabels as Record<string, string>) : {};
  const hasExpr = selector && Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0;
  if (!selector || (Object.keys(matchLabels).length === 0 && !hasExpr)) {
    causes.push(fieldError.required('spec.selector'));
  } else {
    causes.push(...labelsCauses('spec.selector.matchLabels', matchLabels));
    const req = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
    if (!matchesLabels(parseLabelSelector(req), labels)) causes.push(fieldError.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  causes.push(...labelsCauses('spec.template.metadata.labels', tmeta.labels));
  causes.push(...annotationsCauses('spec.template.metadata.annotations', tmeta.annotations));
  // Controllers that keep pods running accept only restartPolicy Always.
  causes.push(...podSpecCauses('spec.template.spec', template.spec, ['Always']));
  if (typeof spec.replicas === 'number' && spec.replicas < 0) causes.push(fieldError.invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  if (t.key === 'deployments.apps') {
    const strategy = isRecord(spec.strategy) ? spec.strategy : {};
    if (strategy.type !== undefined && !STRATEGIES.includes(text(strategy.type))) causes.push(fieldError.notSupported('spec.strategy.type', strategy.type, STRATEGIES));
    if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) causes.push(fieldError.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
    const ru = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : undefined;
    // Both limits at zero would leave a rolling update no way to move.
    const isZero = (v: unknown) => v === 0 || v === '0' || v === '0%';
    if (ru && isZero(ru.maxSurge) && isZero(ru.maxUnavailable)) causes.push(fieldError.invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  return causes;
}

const WORKLOADS = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps']);

/** Throws 422 Invalid with one cause per problem, as the apiserver's validation does. */
export function validate(t: ResourceType, obj: KObject, old?: KObject): void {
  try {
    validateDecoded(t, obj, old);
  } catch (err) {
    if (err instanceof QuantityDecodeError) throw badRequest(`${t.kind} in version "${t.versions[0] ?? 'v1'}" cannot be handled as a ${t.kind}: ${err.message}`);
    throw err;
  }
}

function validateDecoded(t: ResourceType, obj: KObject, old?: KObject): void {
  const name = obj.metadata.name;
  const causes = nameCauses('metadata.name', name, t.nameRule);
  causes.push(...labelsCauses('metadata.labels', obj.metadata.labels), ...annotationsCauses('metadata.annotations', obj.metadata.annotations));
  if (WORKLOADS.has(t.key)) causes.push(...workloadCauses(t, obj));
  if (t.key === 'pods') causes.push(...podSpecCauses('spec', obj.spec));
  if (t.key === 'services') causes.push(...serviceCauses(obj.spec));
  if (old && WORKLOADS.has(t.key)) {
    const oldSel = isRecord(old.spec) ? JSON.stringify(old.spec.selector) : undefined;
    const newSel = isRecord(obj.spec) ? JSON.stringify(obj.spec.selector) : undefined;
    if (oldSel !== newSel) causes.push({ reason: 'FieldValueInvalid', field: 'spec.selector', message: `Invalid value: ${newSel ?? 'null'}: field is immutable` });
  }
  if (causes.length) throw invalid(t.kind, t.group, name, causes);
}

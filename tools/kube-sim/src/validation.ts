import type { KObject } from './store.ts';
import type { ResourceType } from './resources.ts';
import { invalid, type StatusCause } from './errors.ts';
import { parseLabelSelector, matchesLabels } from './selectors.ts';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

// The apiserver's own wording, so messages shown to users match what a real cluster says.
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

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deploymentCauses(obj: KObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const selector = isRecord(spec.selector) ? spec.selector : undefined;
  const template = isRecord(spec.template) ? spec.template : {};
  const tmeta = isRecord(template.metadata) ? template.metadata : {};
  const labels = isRecord(tmeta.labels) ? (tmeta.labels as Record<string, string>) : {};
  const matchLabels = selector && isRecord(selector.matchLabels) ? (selector.matchLabels as Record<string, string>) : {};
  const hasExpr = selector && Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0;
  if (!selector || (Object.keys(matchLabels).length === 0 && !hasExpr)) {
    causes.push({ reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' });
  } else {
    const req = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
    if (!matchesLabels(parseLabelSelector(req), labels)) {
      causes.push({ reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels', message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\`` });
    }
  }
  const tspec = isRecord(template.spec) ? template.spec : {};
  const containers = Array.isArray(tspec.containers) ? tspec.containers : [];
  if (containers.length === 0) causes.push({ reason: 'FieldValueRequired', field: 'spec.template.spec.containers', message: 'Required value' });
  containers.forEach((c, i) => {
    if (!isRecord(c) || typeof c.name !== 'string' || !c.name) causes.push({ reason: 'FieldValueRequired', field: `spec.template.spec.containers[${i}].name`, message: 'Required value' });
    if (!isRecord(c) || typeof c.image !== 'string' || !c.image) causes.push({ reason: 'FieldValueRequired', field: `spec.template.spec.containers[${i}].image`, message: 'Required value' });
  });
  // Both limits at zero would leave a rolling update no way to move (apps validation).
  const strategy = isRecord(spec.strategy) ? spec.strategy : {};
  const ru = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : undefined;
  const isZero = (v: unknown) => v === 0 || v === '0' || v === '0%';
  if (ru && isZero(ru.maxSurge) && isZero(ru.maxUnavailable)) {
    causes.push({ reason: 'FieldValueInvalid', field: 'spec.strategy.rollingUpdate.maxUnavailable', message: `Invalid value: ${JSON.stringify(ru.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0` });
  }
  if (typeof spec.replicas === 'number' && spec.replicas < 0) causes.push({ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` });
  return causes;
}

/** Throws 422 Invalid with one cause per problem, as the apiserver's validation does. */
export function validate(t: ResourceType, obj: KObject, old?: KObject): void {
  const name = obj.metadata.name;
  let causes = nameCauses('metadata.name', name, t.nameRule);
  if (t.key === 'deployments.apps') {
    causes = causes.concat(deploymentCauses(obj));
    const oldSel = old && isRecord(old.spec) ? JSON.stringify(old.spec.selector) : undefined;
    const newSel = isRecord(obj.spec) ? JSON.stringify(obj.spec.selector) : undefined;
    if (old && oldSel !== newSel) causes.push({ reason: 'FieldValueInvalid', field: 'spec.selector', message: `Invalid value: ${newSel ?? 'null'}: field is immutable` });
  }
  if (causes.length) throw invalid(t.kind, t.group, name, causes);
}

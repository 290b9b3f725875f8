import { fieldError, isRecord, portCauses, records, text, type Causes } from './field-errors.ts';
import { portNameProblems } from './names.ts';
import { formatQuantity, parseQuantity } from './quantity.ts';

// A pod spec as the apiserver's core validation checks it, limited to what clients get wrong in
// practice: names unique per pod, ports in range with valid unique names, known enum values,
// requests not above limits, mounts that name a volume.

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export { PROTOCOLS };

/** A quantity that does not parse fails decoding (400), before validation, on a real server. */
export class QuantityDecodeError extends Error {
  constructor() {
    super("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  }
}

function resourceCauses(path: string, resources: unknown): Causes {
  if (!isRecord(resources)) return [];
  const causes: Causes = [];
  const requests = isRecord(resources.requests) ? resources.requests : {};
  const limits = isRecord(resources.limits) ? resources.limits : {};
  for (const [kind, group] of [['requests', requests], ['limits', limits]] as const) {
    for (const [name, raw] of Object.entries(group)) {
      const q = parseQuantity(raw);
      if (!q) throw new QuantityDecodeError();
      if (q.value < 0) causes.push(fieldError.invalid(`${path}.${kind}[${name}]`, raw, 'must be greater than or equal to 0'));
    }
  }
  for (const [name, raw] of Object.entries(requests)) {
    const req = parseQuantity(raw);
    const lim = parseQuantity(limits[name]);
    if (req && lim && req.value > lim.value) {
      causes.push(fieldError.invalid(`${path}.requests`, formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
    }
  }
  return causes;
}

function containerCauses(path: string, c: Record<string, unknown>, volumes: Set<string>, portNames: Set<string>): Causes {
  const causes: Causes = [];
  if (typeof c.image !== 'string' || !c.image) causes.push(fieldError.required(`${path}.image`));
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(text(c.imagePullPolicy))) causes.push(fieldError.notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  records(c.ports).forEach((p, j) => {
    const pp = `${path}.ports[${j}]`;
    if (typeof p.name === 'string' && p.name !== '') {
      for (const problem of portNameProblems(p.name)) causes.push(fieldError.invalid(`${pp}.name`, p.name, problem));
      if (portNames.has(p.name)) causes.push(fieldError.duplicate(`${pp}.name`, p.name));
      portNames.add(p.name);
    }
    causes.push(...portCauses(`${pp}.containerPort`, p.containerPort));
    causes.push(...portCauses(`${pp}.hostPort`, p.hostPort, false));
    if (p.protocol === undefined || p.protocol === '') causes.push(fieldError.required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(text(p.protocol))) causes.push(fieldError.notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
  });
  records(c.volumeMounts).forEach((m, j) => {
    const mp = `${path}.volumeMounts[${j}]`;
    if (typeof m.name !== 'string' || !m.name) causes.push(fieldError.required(`${mp}.name`));
    else if (!volumes.has(m.name)) causes.push(fieldError.notFound(`${mp}.name`, m.name));
    if (typeof m.mountPath !== 'string' || !m.mountPath) causes.push(fieldError.required(`${mp}.mountPath`));
  });
  causes.push(...resourceCauses(`${path}.resources`, c.resources));
  return causes;
}

/** `path` is where the spec sits (`spec`, `spec.template.spec`); `restartPolicies` the allowed ones. */
export function podSpecCauses(path: string, spec: unknown, restartPolicies: readonly string[] = RESTART_POLICIES): Causes {
  const s = isRecord(spec) ? spec : {};
  const causes: Causes = [];
  const volumes = new Set<string>();
  records(s.volumes).forEach((v, i) => {
    const vp = `${path}.volumes[${i}].name`;
    if (typeof v.name !== 'string' || !v.name) causes.push(fieldError.required(vp));
    else if (volumes.has(v.name)) causes.push(fieldError.duplicate(vp, v.name));
    else volumes.add(v.name);
  });
  const containers = records(s.containers);
  if (containers.length === 0) causes.push(fieldError.required(`${path}.containers`));
  const names = new Set<string>();
  const portNames = new Set<string>();
  for (const [list, items] of [['initContainers', records(s.initContainers)], ['containers', containers]] as const) {
    items.forEach((c, i) => {
      const cp = `${path}.${list}[${i}]`;
      if (typeof c.name !== 'string' || !c.name) causes.push(fieldError.required(`${cp}.name`));
      else if (names.has(c.name)) causes.push(fieldError.duplicate(`${cp}.name`, c.name));
      else names.add(c.name);
      causes.push(...containerCauses(cp, c, volumes, portNames));
    });
  }
  if (s.restartPolicy !== undefined && !restartPolicies.includes(text(s.restartPolicy))) causes.push(fieldError.notSupported(`${path}.restartPolicy`, s.restartPolicy, restartPolicies));
  return causes;
}

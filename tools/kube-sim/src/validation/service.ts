import { fieldError, isRecord, portCauses, records, RANGE_1_65535, text, type Causes } from './field-errors.ts';
import { portNameProblems } from './names.ts';
import { PROTOCOLS } from './pod-spec.ts';

// A Service spec as core validation checks it: type and session affinity from their enums, ports
// in range with protocols it knows, names required and unique when there are several.

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];

export function serviceCauses(spec: unknown): Causes {
  const s = isRecord(spec) ? spec : {};
  const causes: Causes = [];
  const type = s.type ?? 'ClusterIP';
  if (!TYPES.includes(text(type))) causes.push(fieldError.notSupported('spec.type', type, TYPES));
  if (s.sessionAffinity !== undefined && !AFFINITIES.includes(text(s.sessionAffinity))) causes.push(fieldError.notSupported('spec.sessionAffinity', s.sessionAffinity, AFFINITIES));
  const ports = records(s.ports);
  if (type !== 'ExternalName' && ports.length === 0 && s.clusterIP !== 'None') causes.push(fieldError.required('spec.ports'));
  if (type === 'ExternalName' && (typeof s.externalName !== 'string' || !s.externalName)) causes.push(fieldError.required('spec.externalName'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (ports.length > 1 && (typeof p.name !== 'string' || !p.name)) causes.push(fieldError.required(`${pp}.name`));
    if (typeof p.name === 'string' && p.name) {
      if (names.has(p.name)) causes.push(fieldError.duplicate(`${pp}.name`, p.name));
      names.add(p.name);
    }
    // Unlike a containerPort, a Service port of 0 is out of range rather than missing.
    if (typeof p.port !== 'number' || !Number.isInteger(p.port) || p.port < 1 || p.port > 65535) causes.push(fieldError.invalid(`${pp}.port`, p.port ?? 0, RANGE_1_65535));
    if (p.protocol !== undefined && !PROTOCOLS.includes(text(p.protocol))) causes.push(fieldError.notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    const target = p.targetPort;
    if (typeof target === 'number' && (target < 1 || target > 65535 || !Number.isInteger(target))) causes.push(fieldError.invalid(`${pp}.targetPort`, target, RANGE_1_65535));
    if (typeof target === 'string') for (const problem of portNameProblems(target)) causes.push(fieldError.invalid(`${pp}.targetPort`, target, problem));
    if (p.nodePort !== undefined && p.nodePort !== 0) causes.push(...portCauses(`${pp}.nodePort`, p.nodePort));
  });
  return causes;
}

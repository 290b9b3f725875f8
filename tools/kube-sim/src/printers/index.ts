import type { KObject } from '../store.ts';
import type { ResourceType } from '../resources.ts';
import { since } from './duration.ts';
import { podCells } from './pod.ts';
import { ingressCells, serviceCells } from './network.ts';
import { hpaCells, eventCells, formatSelector, containerCells, jsonPathCell } from './cells.ts';

// Server-side printing: the columns and cells the apiserver puts in a meta.k8s.io Table for each
// type, which is what `kubectl get` shows. Priority-1 columns are the `-o wide` extras; the server
// always sends them and kubectl hides them unless asked.

export type Column = { name: string; type: 'string' | 'integer' | 'number' | 'boolean' | 'date'; format: string; description: string; priority: number };
export type Printer = { columns: Column[]; cells: (obj: KObject, now: Date) => unknown[] };

function col(name: string, description: string, opts: Partial<Column> = {}): Column {
  return { name, type: 'string', format: '', description, priority: 0, ...opts };
}

const NAME = col('Name', 'Name must be unique within a namespace.', { format: 'name' });
const AGE = col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.');
const wide = (name: string, description: string): Column => col(name, description, { priority: 1 });
const TEMPLATE = [wide('Containers', 'Names of each container in the template.'), wide('Images', 'Images referenced by each container in the template.'), wide('Selector', 'Label query over pods.')];

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const age = (o: KObject, now: Date): string => since(o.metadata.creationTimestamp, now);
const podTemplate = (o: KObject): unknown => rec(rec(rec(o.spec).template).spec).containers;

const PRINTERS: Record<string, Printer> = {
  pods: {
    columns: [
      NAME,
      col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'The aggregate status of the containers in this pod.'),
      col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      AGE,
      wide('IP', 'IP address allocated to the pod.'),
      wide('Node', 'NodeName is the node the pod is scheduled onto.'),
      wide('Nominated Node', 'nominatedNodeName is set when this pod preempts other pods on the node.'),
      wide('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.'),
    ],
    cells: podCells,
  },
  'deployments.apps': {
    columns: [NAME, col('Ready', 'Number of the pod with ready state'), col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', { type: 'integer' }), col('Available', 'Total number of available pods targeted by this deployment.', { type: 'integer' }), AGE, ...TEMPLATE],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const status = rec(o.status);
      const [names, images] = containerCells(podTemplate(o));
      return [o.metadata.name, `${num(status.readyReplicas)}/${num(spec.replicas)}`, num(status.updatedReplicas), num(status.availableReplicas), age(o, now), names, images, formatSelector(spec.selector, '')];
    },
  },
  'replicasets.apps': {
    columns: [NAME, col('Desired', 'Replicas is the number of desired pods.', { type: 'integer' }), col('Current', 'Replicas is the most recently observed number of non-terminating pods.', { type: 'integer' }), col('Ready', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.', { type: 'integer' }), AGE, ...TEMPLATE],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const status = rec(o.status);
      const [names, images] = containerCells(podTemplate(o));
      return [o.metadata.name, num(spec.replicas), num(status.replicas), num(status.readyReplicas), age(o, now), names, images, formatSelector(spec.selector, '<none>')];
    },
  },
  services: {
    columns: [NAME, col('Type', 'type determines how the Service is exposed.'), col('Cluster-IP', 'clusterIP is the IP address of the service.'), col('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'), col('Port(s)', 'The list of ports that are exposed by this service.'), AGE, wide('Selector', 'Route service traffic to pods with label keys and values matching this selector.')],
    cells: serviceCells,
  },
  'ingresses.networking.k8s.io': {
    columns: [NAME, col('Class', 'The name of the IngressClass resource that should be used for additional configuration'), col('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'), col('Address', 'Address is a list containing ingress points for the load-balancer'), col('Ports', 'Ports of TLS configurations that open'), AGE],
    cells: ingressCells,
  },
  'horizontalpodautoscalers.autoscaling': {
    columns: [NAME, col('Reference', 'scaleTargetRef points to the target resource to scale.'), col('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count.'), col('MinPods', 'minReplicas is the lower limit for the number of replicas.'), col('MaxPods', 'maxReplicas is the upper limit for the number of replicas.', { type: 'integer' }), col('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler.', { type: 'integer' }), AGE],
    cells: hpaCells,
  },
  events: {
    columns: [
      col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
      col('Type', 'Type of this event (Normal, Warning).'),
      col('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
      col('Object', 'The object that this event is about.'),
      wide('Subobject', 'The field of the involved object the event is about.'),
      wide('Source', 'The component reporting this event.'),
      col('Message', 'A human-readable description of the status of this operation.'),
      wide('First Seen', 'The time at which the event was first recorded.'),
      wide('Count', 'The number of times this event has occurred.'),
      col('Name', 'Name must be unique within a namespace.', { format: 'name', priority: 1 }),
    ],
    cells: eventCells,
  },
  namespaces: {
    columns: [NAME, col('Status', 'The status of the namespace'), AGE],
    cells: (o, now) => [o.metadata.name, str(rec(o.status).phase), age(o, now)],
  },
  configmaps: {
    columns: [NAME, col('Data', 'Data contains the configuration data.'), AGE],
    cells: (o, now) => [o.metadata.name, Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length, age(o, now)],
  },
  secrets: {
    columns: [NAME, col('Type', 'Used to facilitate programmatic handling of secret data.'), col('Data', 'Data contains the secret data.'), AGE],
    cells: (o, now) => [o.metadata.name, str(o.type), Object.keys(rec(o.data)).length, age(o, now)],
  },
};

// The Gateway API and Istio CRDs' additionalPrinterColumns, which the CRD table convertor renders:
// lists as JSON, a missing value as null (kubectl shows <none>).
function crdPrinter(columns: [name: string, path: string[]][]): Printer {
  return {
    columns: [NAME, ...columns.map(([name, path]) => col(name, `.${path.join('.')}`)), { ...AGE, type: 'date' }],
    cells: (o, now) => [o.metadata.name, ...columns.map(([, path]) => jsonPathCell(o, path)), age(o, now)],
  };
}
PRINTERS['httproutes.gateway.networking.k8s.io'] = crdPrinter([['Hostnames', ['spec', 'hostnames']]]);
PRINTERS['grpcroutes.gateway.networking.k8s.io'] = crdPrinter([['Hostnames', ['spec', 'hostnames']]]);
PRINTERS['virtualservices.networking.istio.io'] = crdPrinter([['Gateways', ['spec', 'gateways']], ['Hosts', ['spec', 'hosts']]]);

const DEFAULT: Printer = { columns: [NAME, AGE], cells: (o, now) => [o.metadata.name, age(o, now)] };

export function printerFor(t: ResourceType): Printer {
  return PRINTERS[t.key] ?? DEFAULT;
}

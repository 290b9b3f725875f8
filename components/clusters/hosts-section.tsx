'use client';

import { Checkbox } from '../ui/checkbox.tsx';
import { FormSection } from '../ui/form-section.tsx';
import { Field } from '../ui/label.tsx';
import { Select } from '../ui/select.tsx';
import { FieldInput } from './field-input.tsx';
import type { ClusterFormState } from './form-state.ts';

const levels = ['development', 'beta', 'staging', 'production'];

const grpcOptions = [
  { value: 'nginx', label: 'NGINX Ingress', description: 'nginx.ingress.kubernetes.io/backend-protocol: GRPC' },
  { value: 'nghttpx', label: 'nghttpx Ingress', description: 'ingress.zlab.co.jp/backend-config with proto h2 (the original Drucker’s)' },
  { value: 'none', label: 'None', description: 'No annotations; your ingress controller speaks gRPC on its own' },
];

const routerOptions = [
  { value: 'none', label: 'None', description: 'Services at one level share the level host by ready pods' },
  { value: 'gateway-api', label: 'Gateway API', description: 'Weighted HTTPRoute/GRPCRoute attached to a Gateway' },
  { value: 'istio', label: 'Istio', description: 'Weighted VirtualService' },
];

/** What the namespace template gives for each level, as a preview under the field. */
function preview(template: string): string {
  return levels.map((level) => template.replaceAll('{level}', level).replaceAll('{application}', '<app>').replaceAll('{project}', '<project>')).join(', ');
}

export function HostsSection({
  state,
  update,
  err,
}: {
  state: ClusterFormState;
  update: (change: Partial<ClusterFormState>) => void;
  err: (path: string) => string | undefined;
}) {
  const dns = state.dnsName.trim() || '<dns name>';
  return (
    <>
      <FormSection title="Service hosts" description="How model services on this cluster are reached and where their objects go.">
        <FieldInput
          id="cluster-dns"
          label="DNS name"
          value={state.dnsName}
          onChange={(e) => update({ dnsName: e.target.value })}
          placeholder="models.example.com"
          hint={`Each application's level is reached at <app>-<level>.${dns}; point a wildcard record at the ingress controller.`}
          error={err('dnsName')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <FieldInput
            id="cluster-ingress-class"
            label="Ingress class"
            value={state.ingressClass}
            onChange={(e) => update({ ingressClass: e.target.value })}
            placeholder="the cluster's default"
            hint="Optional, e.g. nginx."
            error={err('ingressClass')}
          />
          <Field label="gRPC ingress annotations" htmlFor="cluster-grpc">
            <Select id="cluster-grpc" value={state.grpcAnnotationPreset} onChange={(v) => update({ grpcAnnotationPreset: v as ClusterFormState['grpcAnnotationPreset'] })} options={grpcOptions} />
          </Field>
        </div>
        <FieldInput
          id="cluster-namespace"
          label="Namespace template"
          value={state.namespaceTemplate}
          onChange={(e) => update({ namespaceTemplate: e.target.value })}
          hint={`Where new services go; placeholders {level}, {application}, {project}. Gives: ${preview(state.namespaceTemplate)}.`}
          error={err('namespaceTemplate')}
          className="font-mono"
        />
        <Checkbox
          label="Pin each level to its nodes"
          hint="The original Drucker's node pinning: pods get nodeSelector host=<level>, so label your nodes host=development, host=production…"
          checked={state.nodePinning}
          onChange={(e) => update({ nodePinning: e.target.checked })}
        />
      </FormSection>
      <FormSection title="Traffic routing" description="For weighted traffic between services at one level (A/B tests), when the cluster has a router.">
        <Field label="Traffic router" htmlFor="cluster-router">
          <Select id="cluster-router" value={state.trafficRouter} onChange={(v) => update({ trafficRouter: v as ClusterFormState['trafficRouter'] })} options={routerOptions} />
        </Field>
        {state.trafficRouter !== 'none' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <FieldInput
              id="cluster-gateway-name"
              label="Gateway name"
              value={state.gatewayName}
              onChange={(e) => update({ gatewayName: e.target.value })}
              hint={state.trafficRouter === 'istio' ? 'Optional: the Istio Gateway; the mesh when empty.' : 'The Gateway routes attach to.'}
              error={err('gatewayName')}
            />
            <FieldInput
              id="cluster-gateway-namespace"
              label="Gateway namespace"
              value={state.gatewayNamespace}
              onChange={(e) => update({ gatewayNamespace: e.target.value })}
              error={err('gatewayNamespace')}
            />
          </div>
        ) : null}
      </FormSection>
    </>
  );
}

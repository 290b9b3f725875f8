import type { ReactNode } from 'react';
import { Card, CardHeader } from '../ui/card.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Cluster = RouterOutputs['cluster']['get'];

export function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-800">{children}</dd>
    </div>
  );
}

const Mono = ({ children }: { children: ReactNode }) => <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{children}</code>;
const none = <span className="text-slate-400">none</span>;
const grpcLabels = { nginx: 'NGINX Ingress', nghttpx: 'nghttpx Ingress', none: 'None' } as const;

/** A cluster's settings, secrets shown only as saved or not. */
export function ClusterSettingsCard({ cluster }: { cluster: Cluster }) {
  const write = cluster.modelStorage.write;
  const pods = cluster.modelStorage.pods;
  return (
    <Card>
      <CardHeader title="Settings" />
      <dl className="grid gap-5 px-5 py-4 sm:grid-cols-2 lg:grid-cols-3">
        <Item label="API server">
          <Mono>{cluster.apiServerUrl}</Mono>
        </Item>
        <Item label="Context">{cluster.context}</Item>
        <Item label="Service hosts">
          <Mono>{`<app>-<level>.${cluster.dnsName}`}</Mono>
        </Item>
        <Item label="Ingress class">{cluster.ingressClass ?? <span className="text-slate-400">cluster default</span>}</Item>
        <Item label="gRPC annotations">{grpcLabels[cluster.grpcAnnotationPreset]}</Item>
        <Item label="Namespaces">
          <Mono>{cluster.namespaceTemplate}</Mono>
        </Item>
        <Item label="Node pinning">{cluster.nodePinning ? 'nodeSelector host=<level>' : 'off'}</Item>
        <Item label="Traffic router">
          {cluster.trafficRouter === 'none' ? none : `${cluster.trafficRouter}${cluster.gatewayName ? ` via ${cluster.gatewayNamespace ? `${cluster.gatewayNamespace}/` : ''}${cluster.gatewayName}` : ''}`}
        </Item>
        <Item label="Models written to">
          {write.kind === 'fs' ? (
            <Mono>{write.dir}</Mono>
          ) : (
            <>
              <Mono>{`s3://${write.bucket}/${write.prefix}`}</Mono>
              {write.endpoint ? <span className="block text-xs text-slate-500">{write.endpoint}</span> : null}
              <span className="block text-xs text-slate-500">{cluster.modelStorageCredentialsSet ? 'access keys saved' : "worker's own credentials"}</span>
            </>
          )}
        </Item>
        <Item label="Pods mount models from">
          {pods.kind === 'hostPath' ? <Mono>{`hostPath ${pods.path}`}</Mono> : <Mono>{`pvc ${pods.claimName}`}</Mono>} at <Mono>{cluster.modelStorage.mountPath}</Mono>
        </Item>
        <Item label="Service database">
          {cluster.serviceDb ? (
            <>
              <Mono>{`${cluster.serviceDb.user}@${cluster.serviceDb.host}:${cluster.serviceDb.port}/${cluster.serviceDb.database}`}</Mono>
              <span className="block text-xs text-slate-500">{cluster.serviceDb.passwordSet ? 'password saved' : 'no password'}</span>
            </>
          ) : (
            none
          )}
        </Item>
        <Item label="Services">{cluster.serviceCount}</Item>
      </dl>
    </Card>
  );
}

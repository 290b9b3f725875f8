import type { NextConfig } from 'next';

const config: NextConfig = {
  // Native modules and the Kubernetes client stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'mysql2', 'pg', 'graphile-worker', '@kubernetes/client-node'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;

import type { NextConfig } from 'next';

// The e2e suite (playwright.config.ts) builds with DRUCKER_E2E_BUILD=1: into its own directory, so
// it never replaces the build `npm run demo` serves from .next, and without the type check, which
// `npm test` runs as its own step first. Build configuration runs before the app (and server/env.ts)
// exists, so it reads this one variable itself.
const e2eBuild = process.env.DRUCKER_E2E_BUILD === '1';

const config: NextConfig = {
  // Native modules and the Kubernetes client stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'mysql2', 'pg', 'graphile-worker', '@kubernetes/client-node'],
  poweredByHeader: false,
  typedRoutes: false,
  distDir: e2eBuild ? '.next-e2e' : '.next',
  typescript: { ignoreBuildErrors: e2eBuild },
};

export default config;

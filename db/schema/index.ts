// The schema as one object for drizzle's relational queries; application code imports tables
// from their own files.
export * from './users.ts';
export * from './projects.ts';
export * from './tokens.ts';
export * from './clusters.ts';
export * from './applications.ts';
export * from './services.ts';
export * from './models.ts';
export * from './rollouts.ts';
export * from './audit.ts';
export * from './promotions.ts';

import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied by `npm run drucker -- migrate`. drizzle-kit
// push/pull misbehave on MariaDB json columns (STACK-NOTES.md).
export default defineConfig({
  dialect: 'mysql',
  schema: './db/schema/*.ts',
  out: './db/migrations',
  casing: 'snake_case',
});

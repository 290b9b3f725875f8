import { registerHooks } from 'node:module';

// drizzle-orm 0.45 ships a 179 KB package.json whose `exports` map lists every file, and Node 24's
// ESM resolver reads the package's scope config to find the format of each file it resolves:
// importing `drizzle-orm/mysql2` parsed that map hundreds of times, costing ~3.5 s and ~250 MB of
// resident memory that V8 keeps (measured for bench/fleet-rollout.bench.ts: an idle worker at
// 367 MiB). drizzle's own files import each other by relative `.js` paths in a `"type": "module"`
// package, so resolving those is plain URL arithmetic and their format is known. Everything else
// goes through Node's resolver unchanged. (drizzle-orm later collapsed its exports map upstream.)

const DRIZZLE = '/node_modules/drizzle-orm/';
let registered = false;

/** Call before anything imports drizzle-orm (entry points import the rest dynamically after it). */
export function registerDrizzleResolveHook(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.includes(DRIZZLE)) {
        return { url: new URL(specifier, context.parentURL).href, format: 'module', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
}

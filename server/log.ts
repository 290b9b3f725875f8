import { env } from './env.ts';

// Structured one-line JSON logs. Never pass secrets here: kubeconfigs, tokens and passwords are
// sealed or hashed before they reach any object that could be logged.
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  try {
    return order[env().LOG_LEVEL];
  } catch {
    return order.info;
  }
}

// Database errors carry the values a statement was run with: drizzle's message ends in
// `params: <every bound value>` (emails, names, token hashes), mysql2's keeps the formatted SQL in
// `.sql`, and a duplicate-key message quotes the duplicate value. Only the statement and the error
// codes are logged.
const PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |$)/;
const redact = (text: string | undefined) =>
  text?.replace(PARAMS, '\nparams: (not logged)').replace(/Duplicate entry '[\s\S]*?' for key/g, "Duplicate entry '…' for key");

/** An error as it may be logged: name, message, stack and causes, without bound parameters. */
export function loggableError(error: Error, depth = 0): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: error.name, message: redact(error.message), stack: redact(error.stack) };
  for (const key of ['code', 'errno', 'sqlState'] as const) {
    if (key in error) entry[key] = (error as unknown as Record<string, unknown>)[key];
  }
  if (error.cause instanceof Error && depth < 3) entry.cause = loggableError(error.cause, depth + 1);
  return entry;
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) return loggableError(value);
  return value;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (order[level] < threshold()) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message };
  for (const [key, value] of Object.entries(fields ?? {})) entry[key] = serialize(value);
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${JSON.stringify(entry)}\n`);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};

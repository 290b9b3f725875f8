import type { z } from 'zod';

// Domain code throws AppError; server/trpc/errors.ts maps it to tRPC codes in one place.
// Messages are read by people: say what was wrong and what to do.
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Machine-readable facts for API clients, sent as the error's `data.details` (never secrets). */
  readonly details?: Record<string, unknown>;
  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found, or you are not a member of its project.`);

/** Validation issues as one line a person can act on: "email: enter a valid email address; role: …". */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * Domain functions parse their own input (workers and the CLI call them without a router); bad
 * input becomes the same 400 with one line per problem that a router's input parsing gives.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('BAD_REQUEST', `Invalid input: ${describeIssues(result.error.issues)}`);
  return result.data;
}

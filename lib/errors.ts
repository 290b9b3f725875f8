/** The message a person should read for a failed call: the API's own message, which says what to do. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

type IssueCarrier = { data?: object | null } | null | undefined;

/**
 * The validation message for one input field, from the API's `Invalid input` error (its
 * `data.issues`), or undefined when the error is about something else.
 */
export function fieldError(error: IssueCarrier, field: string): string | undefined {
  const data = error?.data;
  const issues = data && 'issues' in data ? data.issues : undefined;
  if (!Array.isArray(issues)) return undefined;
  for (const issue of issues as unknown[]) {
    if (typeof issue === 'object' && issue !== null && 'path' in issue && 'message' in issue && issue.path === field) {
      return String(issue.message);
    }
  }
  return undefined;
}

import { randomUUID } from 'node:crypto';

// A caller may name its request (X-Request-Id) to find it in the audit log and the server log; the
// name is stored and logged, so only short plain ids are taken over — anything else gets a fresh one.
const ACCEPTED = /^[A-Za-z0-9-]{1,64}$/;

export function requestIdFrom(headers: Headers): string {
  const sent = headers.get('x-request-id');
  return sent && ACCEPTED.test(sent) ? sent : randomUUID();
}

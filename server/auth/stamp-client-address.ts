import http from 'node:http';
import { CLIENT_ADDRESS_HEADER } from './client-address.ts';

/**
 * Next.js gives route handlers a web Request, which has no socket, and fills X-Forwarded-For from
 * the socket only when the client sent none — so the address that connected is otherwise lost.
 * Every request the process's HTTP server receives gets it stamped into CLIENT_ADDRESS_HEADER,
 * overwriting anything a client sent under that name. Called once, at server start.
 */
export function stampClientAddresses(): void {
  const proto = http.Server.prototype as http.Server & { druckerStamped?: boolean };
  if (proto.druckerStamped) return;
  proto.druckerStamped = true;
  const emit = Reflect.get(proto, 'emit') as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  Reflect.set(proto, 'emit', function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const request = args[0];
    if (event === 'request' && request instanceof http.IncomingMessage) {
      if (request.socket.remoteAddress) request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress;
      else delete request.headers[CLIENT_ADDRESS_HEADER];
    }
    return emit.apply(this, [event, ...args]);
  });
}

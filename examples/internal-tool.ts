// An internal tool calling Drucker through the typed tRPC client, authenticated by an API token.
//   DRUCKER_URL=http://localhost:3000 DRUCKER_TOKEN=drk_… node examples/internal-tool.ts
// Tools outside this repository import the router type from a checkout (or a published types
// package); the client itself is the ordinary @trpc/client.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../server/trpc/root.ts';

export function druckerClient(url: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url.replace(/\/$/, '')}/api/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}

if (import.meta.main) {
  const url = process.env.DRUCKER_URL ?? 'http://localhost:3000';
  const token = process.env.DRUCKER_TOKEN;
  if (!token) {
    console.error('set DRUCKER_TOKEN (npm run drucker -- token create --project demo --role viewer --name my-tool)');
    process.exit(1);
  }
  const drucker = druckerClient(url, token);
  const me = await drucker.user.me.query();
  console.log(`acting as ${me.kind === 'token' ? `${me.token?.role === 'admin' ? 'an' : 'a'} ${me.token?.role} token of ${me.email}` : me.email}`);
  for (const project of await drucker.project.list.query()) {
    const { events } = await drucker.audit.list.query({ projectId: project.id, limit: 5 });
    console.log(`${project.name} (${project.role}): last ${events.length} audit events`);
    for (const event of events) console.log(`  ${event.createdAt}  ${event.actorLabel}  ${event.summary}`);
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, callerAs, makeProject, makeUser, type TestUser } from '../../test/fixtures.ts';
import { discardQueuedRollouts, makeApplication, makeCluster } from '../../test/deploy-fixtures.ts';
import { closeQueue } from '../jobs/queue.ts';
import type { ChangeNotice } from './channel.ts';
import { closePublisher, publishChange } from './publish.ts';
import { liveChanges } from './subscribe.ts';

// Open pages learn of a change when the mutation is accepted, not only when a worker reports
// progress. No worker runs here, so every notice below comes from the mutation itself.

let editor: TestUser;
let applicationId: number;
let clusterId: number;
const created: number[] = [];
const abort = new AbortController();
const seen: ChangeNotice[] = [];

beforeAll(async () => {
  const admin = await makeUser('live-admin');
  const projectId = await makeProject(admin, 'live');
  editor = await addMember(projectId, admin, 'editor');
  applicationId = await makeApplication(projectId, 'live');
  clusterId = await makeCluster(projectId, { dnsName: 'ml.example.test' });
  const stream = liveChanges((notice) => notice.applicationId === applicationId, abort.signal);
  void (async () => {
    for await (const event of stream) if (event.kind === 'change') seen.push(event.notice);
  })();
  // The subscription LISTENs once it is first pulled: probe until a notice of its own comes back.
  await waitFor(async () => {
    await publishChange({ projectId, applicationId, serviceId: 0 });
    return seen.some((notice) => notice.serviceId === 0);
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; notices seen: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(async () => {
  abort.abort();
  await discardQueuedRollouts(created);
  await closeQueue();
  await closePublisher();
});

async function noticeFor(predicate: (notice: ChangeNotice) => boolean): Promise<ChangeNotice> {
  await waitFor(() => Promise.resolve(seen.some(predicate)));
  return seen.find(predicate)!;
}

describe('live notices on accepted mutations', () => {
  it('announces a queued rollout, a settings-only edit and a cancel', async () => {
    const caller = callerAs(editor.actor);
    const { serviceId, rolloutId } = await caller.service.create({ applicationId, clusterId, level: 'beta', spec: { image: 'example/iris:1' } });
    created.push(serviceId);
    expect(await noticeFor((n) => n.rolloutId === rolloutId)).toMatchObject({ serviceId, applicationId });

    seen.length = 0;
    expect(await caller.service.update({ serviceId, displayName: 'renamed', spec: {} })).toEqual({ rolloutId: null });
    expect(await noticeFor((n) => n.serviceId === serviceId)).toMatchObject({ applicationId });

    seen.length = 0;
    await caller.rollout.cancel({ rolloutId });
    expect(await noticeFor((n) => n.rolloutId === rolloutId)).toMatchObject({ serviceId });
  });
});

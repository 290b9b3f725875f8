import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { addMember, callerAs, makeProject, makeToken, makeUser } from '../../../test/fixtures.ts';

describe('audit trail', () => {
  it('lists newest first with filters for actor, action, target and time, and pages by cursor', async () => {
    const admin = await makeUser('auditor');
    const projectId = await makeProject(admin);
    const alice = await addMember(projectId, admin, 'viewer', 'alice');
    await addMember(projectId, admin, 'editor', 'bob');
    const { tokenId } = await makeToken(projectId, admin, 'viewer');
    await callerAs(admin.actor).token.revoke({ tokenId });
    const api = callerAs(admin.actor).audit;

    const all = await api.list({ projectId });
    expect(all.events.map((e) => e.action)).toEqual(['token.revoke', 'token.create', 'member.add', 'member.add', 'project.create']);
    expect(all.nextCursor).toBeNull();

    expect((await api.list({ projectId, action: 'token.' })).events).toHaveLength(2);
    expect((await api.list({ projectId, action: 'member.add' })).events).toHaveLength(2);
    expect((await api.list({ projectId, target: 'alice' })).events.map((e) => e.targetLabel)).toEqual([alice.email]);
    expect((await api.list({ projectId, actor: admin.email.slice(0, 12) })).events).toHaveLength(5);
    expect((await api.list({ projectId, from: new Date(Date.now() + 60_000).toISOString() })).events).toEqual([]);
    expect(await api.actions({ projectId })).toEqual(['member.add', 'project.create', 'token.create', 'token.revoke']);

    const first = await api.list({ projectId, limit: 2 });
    const second = await api.list({ projectId, limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await api.list({ projectId, limit: 2, cursor: second.nextCursor ?? undefined });
    expect([...first.events, ...second.events, ...third.events].map((e) => e.id)).toEqual(all.events.map((e) => e.id));
    expect(third.nextCursor).toBeNull();
  });

  it('never shows another project\'s events, whatever the filters say', async () => {
    const a = await makeUser('a');
    const b = await makeUser('b');
    const projectA = await makeProject(a);
    await makeProject(b);
    const { events } = await callerAs(a.actor).audit.list({ projectId: projectA, actor: b.email });
    expect(events).toEqual([]);
  });

  it('records the token as the actor when a token acts', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const { actor } = await makeToken(projectId, admin, 'admin');
    const person = await makeUser('p');
    await callerAs(actor).project.setMember({ projectId, email: person.email, role: 'viewer' });
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.targetLabel, person.email));
    expect(event).toMatchObject({ actorType: 'token', actorTokenId: actor.tokenId, actorUserId: admin.id, actorLabel: actor.label });
  });
});

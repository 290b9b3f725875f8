import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { addMember, callerAs, makeProject, makeUser, outcome, unique } from '../../../test/fixtures.ts';

describe('projects and members', () => {
  it('makes the creator admin and records the creation in the audit trail', async () => {
    const owner = await makeUser('owner');
    const name = unique('team');
    const { projectId } = await callerAs(owner.actor).project.create({ name, description: 'ML team' });
    const projects = await callerAs(owner.actor).project.list();
    expect(projects).toContainEqual(expect.objectContaining({ id: projectId, name, role: 'admin', description: 'ML team' }));
    const events = await db().select().from(auditEvents).where(eq(auditEvents.projectId, projectId));
    expect(events.map((e) => [e.action, e.actorLabel, e.targetLabel])).toEqual([['project.create', owner.email, name]]);
  });

  it('rejects bad and duplicate names with a message that says what to do, and writes nothing', async () => {
    const owner = await makeUser('owner');
    await expect(callerAs(owner.actor).project.create({ name: 'Bad Name!' })).rejects.toThrow(/lowercase letters, digits and '-'/);
    const name = unique('dup');
    await callerAs(owner.actor).project.create({ name });
    await expect(callerAs(owner.actor).project.create({ name })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already exists; choose another name/) });
    const events = await db().select().from(auditEvents).where(eq(auditEvents.targetLabel, name));
    expect(events).toHaveLength(1);
  });

  it('only lists projects the caller is a member of', async () => {
    const a = await makeUser('a');
    const b = await makeUser('b');
    const projectA = await makeProject(a);
    const projectB = await makeProject(b);
    const ids = (await callerAs(a.actor).project.list()).map((p) => p.id);
    expect(ids).toContain(projectA);
    expect(ids).not.toContain(projectB);
  });

  it('adds, changes and removes members by email, each audited', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const person = await makeUser('person');
    const api = callerAs(admin.actor).project;
    await api.setMember({ projectId, email: person.email.toUpperCase(), role: 'viewer' });
    await api.setMember({ projectId, email: person.email, role: 'editor' });
    expect(await api.members({ projectId })).toContainEqual(expect.objectContaining({ email: person.email, role: 'editor' }));
    await api.removeMember({ projectId, email: person.email });
    expect((await api.members({ projectId })).map((m) => m.email)).toEqual([admin.email]);
    const { events } = await callerAs(admin.actor).audit.list({ projectId });
    expect(events.map((e) => e.action)).toEqual(['member.remove', 'member.update', 'member.add', 'project.create']);
    expect(events[1]).toMatchObject({ before: { role: 'viewer' }, after: { role: 'editor' }, summary: `changed ${person.email} from viewer to editor` });
  });

  it('never removes or demotes the last admin', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const api = callerAs(admin.actor).project;
    await expect(api.removeMember({ projectId, email: admin.email })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/last admin/) });
    await expect(api.setMember({ projectId, email: admin.email, role: 'editor' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const second = await addMember(projectId, admin, 'admin');
    await api.setMember({ projectId, email: admin.email, role: 'viewer' });
    expect(await outcome(callerAs(second.actor).project.removeMember({ projectId, email: second.email }))).toBe('CONFLICT');
  });

  it('needs an existing account unless SSO can create one at first sign-in', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const email = `${unique('new')}@example.test`;
    await expect(callerAs(admin.actor).project.setMember({ projectId, email, role: 'viewer' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/user create/),
    });
    await callerAs(admin.actor, { ssoEnabled: true }).project.setMember({ projectId, email, role: 'viewer' });
    expect((await callerAs(admin.actor).project.members({ projectId })).map((m) => m.email)).toContain(email);
  });
});

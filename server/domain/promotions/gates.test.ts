import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podHealth, podProblem, soakStart, sourceRolloutProblem, tallyApprovals, type SourceRollout } from './gates.ts';

const r = (id: number, status: SourceRollout['status'], modelId: number | null, finished?: string): SourceRollout => ({
  id,
  revision: id,
  status,
  modelId,
  finishedAt: finished ? new Date(finished) : null,
});

describe('soak', () => {
  it('starts when the newest unbroken stretch of the candidate first succeeded', () => {
    const history = [r(5, 'succeeded', 9, '2026-01-01T12:00:00Z'), r(4, 'failed', 8), r(3, 'succeeded', 9, '2026-01-01T10:00:00Z'), r(2, 'succeeded', 7, '2026-01-01T08:00:00Z')];
    expect(soakStart(history, 9)?.toISOString()).toBe('2026-01-01T10:00:00.000Z');
  });

  it('starts over when another model ran in between, and is null before the candidate ever succeeded', () => {
    const history = [r(4, 'succeeded', 9, '2026-01-01T12:00:00Z'), r(3, 'succeeded', 7, '2026-01-01T10:00:00Z'), r(2, 'succeeded', 9, '2026-01-01T08:00:00Z')];
    expect(soakStart(history, 9)?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(soakStart([r(2, 'running', 9)], 9)).toBeNull();
  });
});

describe('health', () => {
  it('wants the last rollout that ran to have succeeded', () => {
    expect(sourceRolloutProblem([r(3, 'superseded', 9), r(2, 'succeeded', 9)])).toBeNull();
    expect(sourceRolloutProblem([r(3, 'failed', 9), r(2, 'succeeded', 9)])).toBe("the source's last rollout (revision 3) failed");
    expect(sourceRolloutProblem([r(3, 'running', 9)])).toBe('the source is still rolling out (revision 3)');
    expect(sourceRolloutProblem([])).toBe('the source has never been rolled out');
  });

  it('refuses crash loops and restarts during the soak, not restarts before it', () => {
    const since = new Date('2026-01-01T10:00:00Z');
    const ok = { name: 'a', restarts: 0, lastRestartAt: null, waitingReason: null };
    expect(podProblem([ok], since)).toBeNull();
    expect(podProblem([], since)).toBe('no pod of the source is running');
    expect(podProblem([ok, { ...ok, name: 'b', waitingReason: 'CrashLoopBackOff', restarts: 4 }], since)).toBe('pod b is crash-looping');
    expect(podProblem([{ ...ok, restarts: 1, lastRestartAt: new Date('2026-01-01T10:30:00Z') }], since)).toBe('pod a restarted during the soak (1 restart)');
    expect(podProblem([{ ...ok, restarts: 2, lastRestartAt: new Date('2026-01-01T09:00:00Z') }], since)).toBeNull();
  });
});

describe('pods as the health gate reads them', () => {
  it('sums restarts over containers and keeps the latest termination and a waiting reason', () => {
    const pod: Pod = {
      metadata: { name: 'iris-1' },
      status: {
        containerStatuses: [
          { name: 'a', image: 'x', imageID: '', ready: false, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T10:05:00Z' } }, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'b', image: 'x', imageID: '', ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T10:09:00Z' } }, state: { running: {} } },
        ],
      },
    };
    expect(podHealth(pod)).toEqual({ name: 'iris-1', restarts: 3, lastRestartAt: new Date('2026-01-01T10:09:00Z'), waitingReason: 'CrashLoopBackOff' });
    expect(podHealth({ metadata: { name: 'fresh' } })).toEqual({ name: 'fresh', restarts: 0, lastRestartAt: null, waitingReason: null });
  });
});

describe('approvals', () => {
  it('counts each person once and notices a rejection', () => {
    expect(
      tallyApprovals([
        { userId: 1, decision: 'approve' },
        { userId: 1, decision: 'approve' },
        { userId: 2, decision: 'approve' },
      ]),
    ).toEqual({ approvers: 2, rejectedBy: null });
    expect(tallyApprovals([{ userId: 1, decision: 'approve' }, { userId: 3, decision: 'reject' }])).toEqual({ approvers: 1, rejectedBy: 3 });
  });
});

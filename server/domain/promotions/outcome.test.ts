import { describe, expect, it } from 'vitest';
import { decideRun, type RunFacts } from './outcome.ts';

const now = new Date('2026-01-19T09:00:00Z');
const ready: RunFacts = {
  outsideWindow: null,
  candidate: { id: 9, label: 'iris v3' },
  targetModelId: 7,
  pinned: false,
  awaitingRunId: null,
  rejectedRunId: null,
  soak: { startedAt: new Date('2026-01-19T07:00:00Z'), minMinutes: 60, now },
  healthProblem: null,
  requiredApprovals: 0,
  approvals: 0,
};

// Each row changes one fact of a promotable run; the first rule that applies decides.
const table: [string, Partial<RunFacts>, ReturnType<typeof decideRun>][] = [
  ['promotable', {}, { status: 'promote', reason: 'iris v3 soaked 120 minutes on the source' }],
  ['outside the window', { outsideWindow: 'Monday to Friday, 09:00–17:00 UTC' }, { status: 'skipped', reason: 'outside the allowed window (Monday to Friday, 09:00–17:00 UTC)' }],
  ['no model on the source', { candidate: null }, { status: 'skipped', reason: 'nothing new: the source runs no model' }],
  ['target already has it', { targetModelId: 9 }, { status: 'skipped', reason: 'nothing new: the target already runs iris v3' }],
  ['pinned', { pinned: true }, { status: 'skipped', reason: 'iris v3 is pinned on the target (it was rolled back there); unpin it to promote it again' }],
  ['already waiting', { awaitingRunId: 12 }, { status: 'skipped', reason: 'run #12 is already waiting for approval of iris v3' }],
  ['rejected before', { rejectedRunId: 11 }, { status: 'skipped', reason: 'iris v3 was rejected in run #11; a new model on the source starts over' }],
  ['never succeeded on the source', { soak: { startedAt: null, minMinutes: 60, now } }, { status: 'skipped', reason: 'soak not met: no rollout of the source with iris v3 has succeeded yet' }],
  [
    'soak too short',
    { soak: { startedAt: new Date('2026-01-19T08:48:00Z'), minMinutes: 60, now } },
    { status: 'skipped', reason: 'soak not met: iris v3 has run on the source for 12 of 60 minutes' },
  ],
  ['unhealthy', { healthProblem: 'pod a is crash-looping' }, { status: 'skipped', reason: 'source unhealthy: pod a is crash-looping' }],
  ['needs approvals', { requiredApprovals: 2 }, { status: 'awaiting_approval', reason: 'iris v3 passed its gates; waiting for 2 more approvals' }],
  ['one approval short', { requiredApprovals: 2, approvals: 1 }, { status: 'awaiting_approval', reason: 'iris v3 passed its gates; waiting for 1 more approval' }],
  ['one minute', { soak: { startedAt: new Date('2026-01-01T10:00:00Z'), now: new Date('2026-01-01T10:01:00Z'), minMinutes: 1 } }, { status: 'promote', reason: 'iris v3 soaked 1 minute on the source' }],
  ['approved', { requiredApprovals: 2, approvals: 2 }, { status: 'promote', reason: 'iris v3 soaked 120 minutes on the source and has 2 approvals' }],
  ['window beats everything', { outsideWindow: 'x', pinned: true, healthProblem: 'bad' }, { status: 'skipped', reason: 'outside the allowed window (x)' }],
  ['pin beats soak and health', { pinned: true, healthProblem: 'bad', soak: { startedAt: null, minMinutes: 60, now } }, { status: 'skipped', reason: 'iris v3 is pinned on the target (it was rolled back there); unpin it to promote it again' }],
  ['soak beats health', { healthProblem: 'bad', soak: { startedAt: null, minMinutes: 60, now } }, { status: 'skipped', reason: 'soak not met: no rollout of the source with iris v3 has succeeded yet' }],
];

describe('the run-outcome table', () => {
  for (const [name, change, expected] of table) {
    it(name, () => expect(decideRun({ ...ready, ...change })).toEqual(expected));
  }
});

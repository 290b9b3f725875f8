import { soakMinutes } from './gates.ts';

// The run-outcome table: given what a tick found, what the run records. The first rule that
// applies decides, in this order: the window, something new to promote, pins, an earlier run of
// the same model, soak, health, approvals.

export type RunFacts = {
  /** null: inside the window (or the policy has none); otherwise the window in words. */
  outsideWindow: string | null;
  candidate: { id: number; label: string } | null;
  targetModelId: number | null;
  pinned: boolean;
  /** An earlier run of this policy for the same model that is still waiting for approvals. */
  awaitingRunId: number | null;
  /** An earlier run of this policy that rejected the same model. */
  rejectedRunId: number | null;
  soak: { startedAt: Date | null; minMinutes: number; now: Date };
  /** null when healthy or the policy does not check health. */
  healthProblem: string | null;
  requiredApprovals: number;
  /** Approvers counted so far (a manual run or a re-evaluation after an approval). */
  approvals: number;
};

export type RunDecision = { status: 'skipped' | 'awaiting_approval'; reason: string } | { status: 'promote'; reason: string };

export function decideRun(f: RunFacts): RunDecision {
  if (f.outsideWindow) return { status: 'skipped', reason: `outside the allowed window (${f.outsideWindow})` };
  if (!f.candidate) return { status: 'skipped', reason: 'nothing new: the source runs no model' };
  const model = f.candidate.label;
  if (f.targetModelId === f.candidate.id) return { status: 'skipped', reason: `nothing new: the target already runs ${model}` };
  if (f.pinned) return { status: 'skipped', reason: `${model} is pinned on the target (it was rolled back there); unpin it to promote it again` };
  if (f.awaitingRunId !== null) return { status: 'skipped', reason: `run #${f.awaitingRunId} is already waiting for approval of ${model}` };
  if (f.rejectedRunId !== null) return { status: 'skipped', reason: `${model} was rejected in run #${f.rejectedRunId}; a new model on the source starts over` };
  if (!f.soak.startedAt) return { status: 'skipped', reason: `soak not met: no rollout of the source with ${model} has succeeded yet` };
  const minutes = soakMinutes(f.soak.startedAt, f.soak.now);
  if (minutes < f.soak.minMinutes) return { status: 'skipped', reason: `soak not met: ${model} has run on the source for ${minutes} of ${f.soak.minMinutes} minutes` };
  if (f.healthProblem) return { status: 'skipped', reason: `source unhealthy: ${f.healthProblem}` };
  if (f.approvals < f.requiredApprovals) {
    return { status: 'awaiting_approval', reason: `${model} passed its gates; waiting for ${f.requiredApprovals - f.approvals} more approval${f.requiredApprovals - f.approvals === 1 ? '' : 's'}` };
  }
  return { status: 'promote', reason: `${model} soaked ${minutes} minute${minutes === 1 ? '' : 's'} on the source${f.requiredApprovals ? ` and has ${f.approvals} approval${f.approvals === 1 ? '' : 's'}` : ''}` };
}

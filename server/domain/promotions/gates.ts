import type { Pod } from 'kubernetes-types/core/v1';
import type { RolloutStatus } from '../../../db/schema/rollouts.ts';

// The gates of a promotion, as pure functions of facts read elsewhere (the rollout history, the
// source's pods, the approvals), so each rule is tested on its own.

export type SourceRollout = { id: number; revision: number; status: RolloutStatus; modelId: number | null; finishedAt: Date | null };

/**
 * When the candidate model started its soak on the source: the finish of the oldest succeeded
 * rollout in the newest unbroken stretch that ran it (a restart or a config change with the same
 * model keeps the soak going; another model in between starts it over). Null when no rollout with
 * it has succeeded. `history` is the source's own rollouts, newest first.
 */
export function soakStart(history: SourceRollout[], candidateModelId: number): Date | null {
  let start: Date | null = null;
  for (const rollout of history) {
    if (rollout.status !== 'succeeded') continue;
    if (rollout.modelId !== candidateModelId) break;
    start = rollout.finishedAt ?? start;
  }
  return start;
}

/** Whole minutes the soak has lasted at `now`. */
export function soakMinutes(start: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - start.getTime()) / 60_000));
}

/** The source's last rollout (superseded and cancelled ones never ran) must have succeeded. */
export function sourceRolloutProblem(history: SourceRollout[]): string | null {
  const last = history.find((r) => r.status !== 'superseded' && r.status !== 'cancelled');
  if (!last) return 'the source has never been rolled out';
  if (last.status === 'queued' || last.status === 'running') return `the source is still rolling out (revision ${last.revision})`;
  if (last.status === 'failed') return `the source's last rollout (revision ${last.revision}) failed`;
  return null;
}

/** A pod of the source as the health gate needs it. */
export type PodHealth = { name: string; restarts: number; lastRestartAt: Date | null; waitingReason: string | null };

/** A pod as the cluster reports it, reduced to what the health gate reads: restarts, when the last one was, and why it waits. */
export function podHealth(pod: Pod): PodHealth {
  const statuses = pod.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const finished = statuses.map((s) => s.lastState?.terminated?.finishedAt).filter((v): v is string => typeof v === 'string').map((v) => new Date(v));
  const lastRestartAt = finished.length ? new Date(Math.max(...finished.map((d) => d.getTime()))) : null;
  const waitingReason = statuses.map((s) => s.state?.waiting?.reason).find((r): r is string => typeof r === 'string') ?? null;
  return { name: pod.metadata?.name ?? '(unnamed)', restarts, lastRestartAt, waitingReason };
}

/** No pod may be crash-looping now, or have restarted since the soak began. */
export function podProblem(pods: PodHealth[], soakSince: Date | null): string | null {
  if (pods.length === 0) return 'no pod of the source is running';
  const looping = pods.find((p) => p.waitingReason === 'CrashLoopBackOff');
  if (looping) return `pod ${looping.name} is crash-looping`;
  const restarted = pods.find((p) => p.restarts > 0 && (soakSince === null || (p.lastRestartAt !== null && p.lastRestartAt >= soakSince)));
  if (restarted) return `pod ${restarted.name} restarted during the soak (${restarted.restarts} restart${restarted.restarts === 1 ? '' : 's'})`;
  return null;
}

export type Decision = { userId: number; decision: 'approve' | 'reject' };

/** Distinct approvers (one person counts once, however often they approve), and whether anyone rejected. */
export function tallyApprovals(decisions: Decision[]): { approvers: number; rejectedBy: number | null } {
  const approvers = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.userId));
  const rejection = decisions.find((d) => d.decision === 'reject');
  return { approvers: approvers.size, rejectedBy: rejection?.userId ?? null };
}

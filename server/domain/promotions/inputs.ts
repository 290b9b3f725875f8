import { z } from 'zod';
import { promotionRunStatuses, promotionTriggers } from '../../../db/schema/promotions.ts';
import { id } from '../names.ts';
import { scheduleProblem } from './schedule.ts';

// Inputs and outputs of promotion.*; the domain functions parse again (the worker and tests call them directly).

const hour = z.number().int().min(0).max(23);

export const windowInput = z
  .object({
    /** Weekdays, 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0, 'days are 0 (Sunday) to 6 (Saturday)').max(6, 'days are 0 (Sunday) to 6 (Saturday)')).min(1, 'pick at least one day').max(7),
    startHour: hour,
    /** Up to, not including; at or before the start, the window runs past midnight. 24 is midnight. */
    endHour: z.number().int().min(1).max(24),
  })
  .refine((w) => w.startHour !== w.endHour % 24, { message: 'a window needs different start and end hours; leave the window out to allow any time', path: ['endHour'] })
  .transform((w) => ({ ...w, days: [...new Set(w.days)].sort((a, b) => a - b) }));

const name = z.string().trim().min(1, 'give the policy a name').max(100, 'a policy name is at most 100 characters');
const schedule = z.string().trim().min(1, 'give a cron schedule, like "0 9 * * 1-5"').max(100);
const timeZone = z.string().trim().min(1).max(64);

const policyFields = {
  name,
  schedule,
  timeZone,
  allowedWindow: windowInput.nullish(),
  /** The soak gate, in minutes (0: none). */
  minMinutesRunning: z.number().int().min(0).max(60 * 24 * 60),
  /** The health gate. */
  requireHealthy: z.boolean(),
  /** The approvals gate: distinct approvers needed (0: none). */
  requiredApprovals: z.number().int().min(0).max(10),
  enabled: z.boolean(),
};

function checkSchedule(v: { schedule?: string; timeZone?: string }, ctx: z.RefinementCtx, fallback: { schedule: string; timeZone: string }) {
  if (v.schedule === undefined && v.timeZone === undefined) return;
  const problem = scheduleProblem(v.schedule ?? fallback.schedule, v.timeZone ?? fallback.timeZone);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.includes('time zone') ? 'timeZone' : 'schedule'], message: problem });
}

export const createPolicyInput = z
  .object({
    applicationId: id,
    sourceServiceId: id,
    targetServiceId: id,
    ...policyFields,
    timeZone: timeZone.default('UTC'),
    minMinutesRunning: policyFields.minMinutesRunning.default(60),
    requireHealthy: policyFields.requireHealthy.default(true),
    requiredApprovals: policyFields.requiredApprovals.default(0),
    enabled: policyFields.enabled.default(true),
  })
  .superRefine((v, ctx) => {
    if (v.sourceServiceId === v.targetServiceId) ctx.addIssue({ code: 'custom', path: ['targetServiceId'], message: 'the target must be another service than the source' });
    checkSchedule(v, ctx, v);
  });
export type CreatePolicyInput = z.input<typeof createPolicyInput>;

/** Omitted fields keep their value; the schedule and zone are checked together with the stored ones. */
export const updatePolicyInput = z.object({
  policyId: id,
  name: name.optional(),
  schedule: schedule.optional(),
  timeZone: timeZone.optional(),
  allowedWindow: windowInput.nullish(),
  minMinutesRunning: policyFields.minMinutesRunning.optional(),
  requireHealthy: z.boolean().optional(),
  requiredApprovals: policyFields.requiredApprovals.optional(),
  enabled: z.boolean().optional(),
});
export type UpdatePolicyInput = z.input<typeof updatePolicyInput>;
export { checkSchedule };

export const policyIdInput = z.object({ policyId: id });
export const pauseInput = z.object({ policyId: id, paused: z.boolean().default(true) });
export const runIdInput = z.object({ runId: id, comment: z.string().trim().max(1000).optional() });
export const runsInput = z.object({ policyId: id, limit: z.number().int().min(1).max(200).default(50) });

const serviceRef = z.object({ id: z.number(), displayName: z.string(), level: z.string(), currentModelId: z.number().nullable(), deleted: z.boolean() });

export const policyOutput = z.object({
  id: z.number(),
  applicationId: z.number(),
  name: z.string(),
  source: serviceRef,
  target: serviceRef,
  schedule: z.string(),
  timeZone: z.string(),
  /** "every weekday at 09:00 Europe/Berlin" */
  scheduleText: z.string(),
  allowedWindow: z.object({ days: z.array(z.number()), startHour: z.number(), endHour: z.number() }).nullable(),
  windowText: z.string().nullable(),
  minMinutesRunning: z.number(),
  requireHealthy: z.boolean(),
  requiredApprovals: z.number(),
  enabled: z.boolean(),
  /** The next scheduled tick (null while paused). */
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastRun: z.object({ id: z.number(), status: z.enum(promotionRunStatuses), reason: z.string().nullable(), createdAt: z.string() }).nullable(),
  createdAt: z.string(),
});
export type PolicyDto = z.infer<typeof policyOutput>;

export const runOutput = z.object({
  id: z.number(),
  policyId: z.number(),
  tickAt: z.string(),
  trigger: z.enum(promotionTriggers),
  status: z.enum(promotionRunStatuses),
  reason: z.string().nullable(),
  model: z.object({ id: z.number(), name: z.string(), version: z.string() }).nullable(),
  rolloutId: z.number().nullable(),
  approvals: z.array(z.object({ userId: z.number(), email: z.string(), decision: z.enum(['approve', 'reject']), comment: z.string().nullable(), at: z.string() })),
  requiredApprovals: z.number(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RunDto = z.infer<typeof runOutput>;

export const decisionOutput = z.object({ runId: z.number(), status: z.enum(promotionRunStatuses), approvals: z.number(), requiredApprovals: z.number(), rolloutId: z.number().nullable() });

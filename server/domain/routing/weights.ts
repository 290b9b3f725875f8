import { z } from 'zod';
import { serviceLevels } from '../../../db/schema/common.ts';
import { id, nameSome } from '../names.ts';
import { reason } from '../services/inputs.ts';

// Weights in percent over the services of one application level (DESIGN.md "Traffic"): whole
// numbers from 0 to 100 that add up to 100, one per service.

export const weight = z.number().int('a weight is a whole number of percent').min(0, 'a weight cannot be below 0').max(100, 'a weight cannot exceed 100');

export const weightsList = z
  .array(z.object({ serviceId: id, weight }))
  .min(1, 'give a weight for each service at the level')
  .max(100)
  .superRefine((weights, ctx) => {
    const seen = new Set<number>();
    for (const w of weights) {
      if (seen.has(w.serviceId)) ctx.addIssue({ code: 'custom', message: `service ${w.serviceId} is given twice` });
      seen.add(w.serviceId);
    }
    const sum = weights.reduce((total, w) => total + w.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: 'custom', message: `the weights add up to ${sum}; they must add up to 100` });
  });

export const level = z.enum(serviceLevels, { error: `level must be one of ${serviceLevels.join(', ')}` });

export const routingLevelInput = z.object({ applicationId: id, level });
export const setWeightsInput = z.object({ applicationId: id, level, weights: weightsList, reason });
export type SetWeightsInput = z.input<typeof setWeightsInput>;

type LevelService = { id: number; displayName: string; clusterId: number | null; namespace: string };

/**
 * What is wrong with weights for these live services of the level, as one message, or null.
 * Every service at the level is listed exactly once (0 is allowed), so a new service never gets
 * traffic by accident; all of them share one cluster and namespace, where the route lives.
 */
export function weightsProblem(weights: { serviceId: number }[], services: LevelService[], levelName: string): string | null {
  const known = new Map(services.map((s) => [s.id, s]));
  const strangers = weights.filter((w) => !known.has(w.serviceId)).map((w) => String(w.serviceId));
  if (strangers.length) return `service ${nameSome(strangers)} is not a service of this application at ${levelName}`;
  const given = new Set(weights.map((w) => w.serviceId));
  const missing = services.filter((s) => !given.has(s.id)).map((s) => s.displayName);
  if (missing.length) return `give a weight (0 is allowed) for every service at ${levelName}; missing: ${nameSome(missing)}`;
  const places = new Set(services.map((s) => `${s.clusterId}/${s.namespace}`));
  if (places.size > 1) return `the services at ${levelName} run on more than one cluster or namespace; a route can only split traffic within one`;
  return null;
}

/** "a 70%, b 20%, c 10%" for summaries. */
export function describeWeights(weights: { serviceId: number; weight: number }[], names: Map<number, string>): string {
  return weights.map((w) => `${names.get(w.serviceId) ?? `service ${w.serviceId}`} ${w.weight}%`).join(', ');
}

/** The same split, whatever the order it was given in. */
export function sameWeights(a: { serviceId: number; weight: number }[], b: { serviceId: number; weight: number }[]): boolean {
  const key = (list: { serviceId: number; weight: number }[]) =>
    [...list]
      .sort((x, y) => x.serviceId - y.serviceId)
      .map((w) => `${w.serviceId}:${w.weight}`)
      .join(',');
  return key(a) === key(b);
}

import type { RouterOutputs } from '../../lib/trpc.ts';

type Diff = RouterOutputs['rollout']['diff'];
type Change = Diff['changes'][number];

/**
 * What a diff cell shows. The API reports the model by id (tools compare ids); people read the
 * model's name and version, which the diff carries on its two sides.
 */
export function diffValues(diff: Diff, change: Change): { before: Change['before']; after: Change['after'] } {
  if (change.field !== 'model') return { before: change.before, after: change.after };
  const label = (model: { name: string; version: string } | null | undefined, fallback: Change['before']) =>
    model ? `${model.name} ${model.version}` : fallback;
  return { before: label(diff.from?.model, change.before), after: label(diff.to.model, change.after) };
}

import type { RouterOutputs } from '../../lib/trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { diffValues } from './diff-values.ts';

type Diff = RouterOutputs['rollout']['diff'];

function show(v: string | number | null | undefined) {
  if (v === undefined || v === null) return <span className="text-slate-400">—</span>;
  if (v === '') return <span className="text-slate-400">(empty)</span>;
  return <code className="text-xs break-all">{String(v)}</code>;
}

/** Field by field: what the earlier revision had and what the later one has. */
export function DiffTable({ diff }: { diff: Diff }) {
  if (diff.changes.length === 0) return <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">No differences: both revisions ask for the same configuration and model.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Changes">
      <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-1.5 pr-3 font-medium">Field</th>
          <th className="py-1.5 pr-3 font-medium">{diff.from ? `Revision ${diff.from.revision}` : 'Before'}</th>
          <th className="py-1.5 font-medium">Revision {diff.to.revision}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {diff.changes.map((c) => {
          const { before, after } = diffValues(diff, c);
          return (
            <tr key={c.field} className="align-top">
              <td className="py-1.5 pr-3 text-slate-700">
                {c.label}
                {c.change !== 'changed' ? (
                  <Badge tone={c.change === 'added' ? 'green' : 'red'} className="ml-2">
                    {c.change}
                  </Badge>
                ) : null}
              </td>
              <td className="bg-red-50/40 py-1.5 pr-3 text-red-800">{show(before)}</td>
              <td className="bg-emerald-50/40 py-1.5 text-emerald-800">{show(after)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { describe, expect, it } from 'vitest';
import type { KObject } from '../src/store.ts';
import { humanDuration } from '../src/printers/duration.ts';
import { podCells } from '../src/printers/pod.ts';
import { formatSelector } from '../src/printers/cells.ts';

const NOW = new Date('2025-01-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW.getTime() - s * 1000).toISOString();

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = { containers: [{ name: 'app' }] }, meta: Partial<KObject['metadata']> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: ago(90), ...meta }, spec, status };
}
const cs = (state: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', state, ready: false, restartCount: 0, ...extra });
/** READY, STATUS, RESTARTS. */
const summary = (p: KObject): unknown[] => podCells(p, NOW).slice(1, 4);

describe('humanDuration', () => {
  it('renders durations as the apiserver does', () => {
    const cases: [number, string][] = [
      [-5, '<invalid>'], [-1, '0s'], [0, '0s'], [119, '119s'], [120, '2m'], [125, '2m5s'], [600, '10m'], [179 * 60, '179m'],
      [3 * 3600, '3h'], [3 * 3600 + 60, '3h1m'], [8 * 3600 + 59, '8h'], [47 * 3600, '47h'], [50 * 3600, '2d2h'], [8 * 86400, '8d'],
      [800 * 86400, '2y70d'], [365 * 9 * 86400, '9y'],
    ];
    for (const [s, want] of cases) expect(humanDuration(s * 1000), `${s}s`).toBe(want);
  });
});

describe('pod STATUS', () => {
  it('says Pending, ContainerCreating, Running and the waiting reasons', () => {
    expect(summary(pod({ phase: 'Pending' }))).toEqual(['0/1', 'Pending', '0']);
    expect(summary(pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] }))).toEqual(['0/1', 'ContainerCreating', '0']);
    expect(summary(pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] }))).toEqual(['1/1', 'Running', '0']);
    expect(summary(pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } })] }))[1]).toBe('ImagePullBackOff');
  });

  it('shows CrashLoopBackOff with restarts and when the last one was', () => {
    const crashing = cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30) } } });
    expect(summary(pod({ phase: 'Running', containerStatuses: [crashing] }))).toEqual(['0/1', 'CrashLoopBackOff', '3 (30s ago)']);
  });

  it('reports init containers, exit codes, Completed and Terminating', () => {
    const spec = { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] };
    const initWaiting = { name: 'init', state: { running: {} }, ready: false, restartCount: 0 };
    expect(summary(pod({ phase: 'Pending', initContainerStatuses: [initWaiting] }, spec))[1]).toBe('Init:0/1');
    const initFailed = { name: 'init', state: { terminated: { exitCode: 2 } }, restartCount: 0 };
    expect(summary(pod({ phase: 'Pending', initContainerStatuses: [initFailed] }, spec))[1]).toBe('Init:ExitCode:2');
    expect(summary(pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }))[1]).toBe('Completed');
    expect(summary(pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] }, undefined, { deletionTimestamp: ago(1) }))[1]).toBe('Terminating');
  });

  it('fills the wide columns with <none> when unknown', () => {
    expect(podCells(pod({ phase: 'Pending' }), NOW).slice(4)).toEqual(['90s', '<none>', '<none>', '<none>', '<none>']);
  });
});

describe('formatSelector', () => {
  it('sorts requirements by key and renders set-based ones', () => {
    const sel = { matchLabels: { tier: 'web', app: 'x' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'legacy', operator: 'DoesNotExist' }] };
    expect(formatSelector(sel, '')).toBe('app=x,env in (dev,prod),!legacy,tier=web');
    expect(formatSelector(undefined, '<none>')).toBe('<none>');
  });
});

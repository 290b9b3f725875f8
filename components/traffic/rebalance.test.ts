import { describe, expect, it } from 'vitest';
import { evenSplit, rebalance } from './rebalance.ts';

const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);

describe('traffic sliders', () => {
  it('starts from an even split in whole percents', () => {
    expect(evenSplit(3)).toEqual([34, 33, 33]);
    expect(evenSplit(4)).toEqual([25, 25, 25, 25]);
    expect(evenSplit(1)).toEqual([100]);
  });

  it('takes the difference from the last sliders first, so 70 then 20 leaves 10', () => {
    expect(rebalance([34, 33, 33], 0, 70)).toEqual([70, 30, 0]);
    expect(rebalance([70, 30, 0], 1, 20)).toEqual([70, 20, 10]);
    expect(rebalance([50, 50, 0], 0, 100)).toEqual([100, 0, 0]);
    expect(rebalance([100, 0, 0], 0, 40)).toEqual([40, 0, 60]);
    expect(rebalance([20, 30, 50], 2, 0)).toEqual([20, 80, 0]);
  });

  it('keeps the sum at 100 for any move', () => {
    let weights = evenSplit(5);
    for (const [index, value] of [[0, 13], [3, 77], [4, 0], [1, 100], [2, 51], [0, 99.6], [4, -5]] as const) {
      weights = rebalance(weights, index, value);
      expect(sum(weights)).toBe(100);
      expect(weights.every((w) => Number.isInteger(w) && w >= 0 && w <= 100)).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { readProgress } from './progress';

describe('readProgress', () => {
  it('reads the progress of an apply that runs', () => {
    expect(readProgress({ status: 'checked', progress: { done: 300, total: 1000 } })).toEqual({
      done: 300,
      total: 1000,
    });
  });

  it('has none before the first batch, after the apply, or in an answer that is not ours', () => {
    expect(readProgress({ status: 'checked', progress: null })).toBeNull();
    expect(readProgress({ status: 'applied' })).toBeNull();
    expect(readProgress('<html>')).toBeNull();
    expect(readProgress({ progress: { done: '3', total: 10 } })).toBeNull();
    expect(readProgress({ progress: { done: -1, total: 10 } })).toBeNull();
  });
});

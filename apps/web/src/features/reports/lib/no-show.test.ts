import { describe, expect, it } from 'vitest';
import { defaultPeriod, percent } from './no-show';

describe('no-show report helpers', () => {
  it('shows the 0–1 rate as a percentage with one decimal', () => {
    expect(percent(0)).toBe('0.0%');
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0.3333)).toBe('33.3%');
  });
  it('defaults to the last 90 days including today, across a year boundary', () => {
    expect(defaultPeriod('2026-11-30')).toEqual({ from: '2026-09-02', to: '2026-11-30' });
    expect(defaultPeriod('2026-01-15')).toEqual({ from: '2025-10-18', to: '2026-01-15' });
  });
});

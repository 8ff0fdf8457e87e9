import { describe, expect, it } from 'vitest';
import { isoWeekMonday, monthLabel, ordersNotes, weekLabel, weekdayOf } from './labels';

describe('dashboard labels', () => {
  it('labels ISO weeks with their Monday–Sunday dates', () => {
    expect(weekLabel('2025-W14')).toBe('2025年第14周 (3月31日–4月6日)');
    expect(weekLabel('2026-W01')).toBe('2026年第1周 (2025年12月29日–1月4日)');
    expect(weekLabel('2020-W53')).toBe('2020年第53周 (12月28日–2021年1月3日)');
    expect(isoWeekMonday(2026, 10).toISOString().slice(0, 10)).toBe('2026-03-02');
    expect(weekLabel('县级')).toBe('县级');
  });
  it('labels months and weekdays', () => {
    expect(monthLabel('2026-03')).toBe('2026年3月');
    expect(weekdayOf('2026-03-06')).toBe('星期五');
  });
  it('says when the kind filter rules orders out', () => {
    expect(ordersNotes({}).empty).toBeUndefined();
    expect(ordersNotes({ kind: 'menu_service' }).empty).toBeUndefined();
    expect(ordersNotes({ kind: 'service_day' }).empty).toMatch(/没有点单/);
  });
});

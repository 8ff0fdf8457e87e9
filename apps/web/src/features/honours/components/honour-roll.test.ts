import { describe, expect, it } from 'vitest';
import type { PublicHonourDto } from '@wenming/shared';
import { groupByTown } from './honour-roll';

const h = (id: string, name: string, year: number, townId: string | null, townName: string | null): PublicHonourDto => ({
  id,
  subject: 'volunteer',
  name,
  title: '优秀志愿者',
  year,
  townId,
  townName,
});

describe('groupByTown', () => {
  it('groups approved honours by town, county-level first, newest year first inside a town', () => {
    const groups = groupByTown([
      h('1', '张三', 2025, 't1', '永清镇'),
      h('2', '李四', 2026, 't1', '永清镇'),
      h('3', '王五', 2026, null, null),
      h('4', '赵六', 2024, 't2', '白沙镇'),
    ]);
    expect(groups.map((g) => g.town)).toEqual(['县级', '白沙镇', '永清镇']);
    expect(groups[2].items.map((i) => i.name)).toEqual(['李四', '张三']);
  });
});

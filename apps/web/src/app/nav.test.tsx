import { describe, expect, it } from 'vitest';
import { homePathFor, navItemsFor } from './nav';

const base = { isStaff: false, isCountyAdmin: false, isLeader: false, isVolunteer: false, role: undefined };
const labels = (s: Parameters<typeof navItemsFor>[0]) => navItemsFor(s).map((i) => i.label);

describe('role-aware navigation', () => {
  it('county admin sees the whole county, including accounts and the audit log', () => {
    const s = { ...base, role: 'county_admin' as const, isStaff: true, isCountyAdmin: true };
    expect(labels(s)).toEqual([
      '数据看板',
      '阵地',
      '队伍',
      '志愿者',
      '活动',
      '点单',
      '待确认的注册',
      '积分超市',
      '村规民约积分',
      '先进典型',
      '爽约统计',
      '账号',
      '审计日志',
    ]);
    expect(homePathFor(s)).toBe('/dashboard');
  });

  it('site admin sees the same scoped pages without accounts and audit log', () => {
    const s = { ...base, role: 'site_admin' as const, isStaff: true };
    expect(labels(s)).toEqual(['数据看板', '阵地', '队伍', '志愿者', '活动', '点单', '待确认的注册', '积分超市', '村规民约积分', '先进典型', '爽约统计']);
  });

  it('a volunteer who leads a team gets the leader pages as well as the volunteer ones', () => {
    const s = { ...base, role: 'volunteer' as const, isVolunteer: true, isLeader: true };
    expect(labels(s)).toEqual(['我的队伍', '活动安排', '志愿服务日', '点单', '爽约统计', '活动', '我的活动', '签到', '我的记录', '积分超市', '找队伍']);
    expect(homePathFor(s)).toBe('/manage/activities');
  });

  it('a plain volunteer sees activities, their own sign-ups, check-in, their record and the points supermarket', () => {
    const s = { ...base, role: 'volunteer' as const, isVolunteer: true };
    expect(labels(s)).toEqual(['活动', '我的活动', '签到', '我的记录', '积分超市', '找队伍']);
    expect(homePathFor(s)).toBe('/activities');
  });
});

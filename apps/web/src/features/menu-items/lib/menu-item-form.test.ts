import { describe, expect, it } from 'vitest';
import type { MenuItemDto } from '@wenming/shared';
import { emptyMenuItem, formValuesOf, scopeError, toCreateRequest, toUpdateRequest } from './menu-item-form';

const item: MenuItemDto = {
  id: 'm1',
  siteId: 's1',
  siteName: '永清镇东街实践站',
  title: '理发',
  category: 'elderly_care',
  description: '每月一次',
  teamIds: ['t1', 't2'],
  teams: [
    { id: 't1', name: '红马甲' },
    { id: 't2', name: '巾帼' },
  ],
  active: true,
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('menu item form', () => {
  it('sends an empty station as null (county-wide), trims text and de-duplicates teams', () => {
    expect(toCreateRequest({ ...emptyMenuItem(), title: '  义诊 ', category: 'health', description: ' 量血压 ', teamIds: ['t1', 't1', 't2'] })).toEqual({
      siteId: null,
      title: '义诊',
      category: 'health',
      description: '量血压',
      teamIds: ['t1', 't2'],
      active: true,
    });
    expect(toCreateRequest({ ...emptyMenuItem('s9'), title: '理发', category: 'other', teamIds: ['t1'], active: false })).toMatchObject({
      siteId: 's9',
      active: false,
    });
  });

  it('patches only what changed, never the station, and treats team order as no change', () => {
    const same = formValuesOf(item);
    expect(toUpdateRequest({ ...same, teamIds: ['t2', 't1'] }, item)).toEqual({});
    expect(toUpdateRequest({ ...same, title: '理发 ', active: false, siteId: 'other' }, item)).toEqual({ active: false });
    expect(toUpdateRequest({ ...same, title: '理发修面', teamIds: ['t1'] }, item)).toEqual({ title: '理发修面', teamIds: ['t1'] });
  });

  it('only the county office may leave the station empty', () => {
    expect(scopeError(undefined, true)).toBeNull();
    expect(scopeError(null, false)).toBe('siteRequired');
    expect(scopeError('s1', false)).toBeNull();
  });
});

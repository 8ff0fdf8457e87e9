import { describe, expect, it } from 'vitest';
import type { SiteDto } from '@wenming/shared';
import { buildSiteTree, parentIds } from './site-tree';

const site = (id: string, name: string, level: SiteDto['level'], parentId: string | null): SiteDto => ({
  id,
  name,
  level,
  parentId,
  parentName: null,
  regionId: 'r',
  regionName: '清水县',
  townId: null,
  townName: null,
  address: '',
  contactName: '',
  contactPhone: '',
});

const sites = [
  site('s2', '永清镇东关社区新时代文明实践站', 'station', 'i1'),
  site('c', '清水县新时代文明实践中心', 'center', null),
  site('i2', '红堡镇新时代文明实践所', 'institute', 'c'),
  site('i1', '永清镇新时代文明实践所', 'institute', 'c'),
  site('s1', '永清镇李沟村新时代文明实践站', 'station', 'i1'),
  site('s3', '红堡镇红堡村新时代文明实践站', 'station', 'i2'),
];

describe('buildSiteTree', () => {
  it('nests center → institutes → stations, sorted by name', () => {
    const tree = buildSiteTree(sites);
    expect(tree.map((n) => n.id)).toEqual(['c']);
    expect(tree[0].children!.map((n) => n.name)).toEqual(['红堡镇新时代文明实践所', '永清镇新时代文明实践所']);
    expect(tree[0].children![1].children!.map((n) => n.id).sort()).toEqual(['s1', 's2']);
    expect(tree[0].children![0].children!.map((n) => n.id)).toEqual(['s3']);
  });

  it('roots a site admin’s subtree at their own institute', () => {
    const tree = buildSiteTree(sites.filter((s) => s.id === 'i1' || s.parentId === 'i1'));
    expect(tree.map((n) => n.id)).toEqual(['i1']);
    expect(tree[0].children).toHaveLength(2);
  });

  it('keeps the matches of a search with their ancestors only', () => {
    const tree = buildSiteTree(sites, '东关');
    expect(tree.map((n) => n.id)).toEqual(['c']);
    expect(tree[0].children!.map((n) => n.id)).toEqual(['i1']);
    expect(tree[0].children![0].children!.map((n) => n.id)).toEqual(['s2']);
    expect(parentIds(tree)).toEqual(['c', 'i1']);
  });

  it('finds sites by address and by town name too', () => {
    const withPlace = sites.map((s) => (s.id === 's3' ? { ...s, address: '红堡村文化广场' } : s.id === 's1' ? { ...s, townName: '永清镇' } : s));
    expect(parentIds(buildSiteTree(withPlace, '文化广场'))).toEqual(['c', 'i2']);
    expect(buildSiteTree(withPlace, '文化广场')[0].children![0].children!.map((n) => n.id)).toEqual(['s3']);
    expect(buildSiteTree(withPlace, '永清镇')[0].children!.map((n) => n.id)).toEqual(['i1']);
  });
});

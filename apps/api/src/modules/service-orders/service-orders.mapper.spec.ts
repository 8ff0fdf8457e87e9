import { toServiceOrderDto, toTrackingDto, type OrderRow } from './service-orders.mapper';

const row: OrderRow = {
  id: 'o1',
  menu_item_id: 'm1',
  menu_item_title: '理发',
  category: 'elderly_care',
  site_id: 's1',
  site_name: '东关社区新时代文明实践站',
  requester_name: '张桂英',
  requester_phone: '13912345678',
  address: '东关社区3号楼',
  preferred_date: '2026-12-05',
  note: '',
  status: 'accepted',
  team_id: 't1',
  team_name: '永清镇红马甲志愿服务队',
  activity_id: 'a1',
  rating: null,
  rating_comment: null,
  decline_reason: '人手不足',
  cancel_reason: null,
  ordered_at: new Date('2026-12-01T01:00:00Z'),
  dispatched_at: new Date('2026-12-01T03:00:00Z'),
  accepted_at: new Date('2026-12-01T05:00:00Z'),
  completed_at: null,
  rated_at: null,
  cancelled_at: null,
  overdue_since: null,
  overdue: false,
  activity_title: '理发（菜单式服务）',
  activity_starts_at: new Date('2026-12-05T01:00:00Z'),
  activity_ends_at: new Date('2026-12-05T03:00:00Z'),
  activity_status: 'published',
};

describe('service order mappers', () => {
  it('the resident view masks the phone and leaves out the id, address, decline reason and team ids', () => {
    const v = toTrackingDto(row);
    expect(v).toMatchObject({ status: 'accepted', statusLabel: '已接单', requesterPhone: '139****5678', teamName: '永清镇红马甲志愿服务队' });
    expect(v.activity).toEqual({ title: '理发（菜单式服务）', startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', status: 'published' });
    const json = JSON.stringify(v);
    for (const secret of ['13912345678', '东关社区3号楼', '人手不足', 'o1', 't1', 'a1']) expect(json).not.toContain(`"${secret}"`);
  });

  it('the staff view is complete; overdueSince only when overdue', () => {
    const d = toServiceOrderDto({ ...row, overdue_since: new Date('2026-12-03T01:00:00Z') });
    expect(d).toMatchObject({
      requesterPhone: '13912345678',
      address: '东关社区3号楼',
      declineReason: '人手不足',
      overdue: false,
      overdueSince: null,
      preferredDate: '2026-12-05',
    });
    const late = toServiceOrderDto({ ...row, status: 'dispatched', overdue: true, overdue_since: new Date('2026-12-03T03:00:00Z') });
    expect(late).toMatchObject({ overdue: true, overdueSince: '2026-12-03T03:00:00.000Z' });
  });
});

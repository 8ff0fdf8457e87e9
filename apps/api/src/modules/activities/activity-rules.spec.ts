import { activityTimeErrors } from './activities.service';
import { activityAudit } from './activities.mapper';
import type { ActivityEntity } from './activity.entity';

describe('activityTimeErrors', () => {
  const at = (s: string) => new Date(s);
  it('accepts end after start, up to exactly 24 h', () => {
    expect(activityTimeErrors(at('2026-12-04T09:00:00+08:00'), at('2026-12-04T11:30:00+08:00'))).toEqual([]);
    expect(activityTimeErrors(at('2026-12-04T09:00:00+08:00'), at('2026-12-05T09:00:00+08:00'))).toEqual([]);
  });
  it('rejects end not after start', () => {
    expect(activityTimeErrors(at('2026-12-04T09:00:00+08:00'), at('2026-12-04T09:00:00+08:00'))[0].field).toBe('endsAt');
    expect(activityTimeErrors(at('2026-12-04T09:00:00+08:00'), at('2026-12-04T08:00:00+08:00'))[0].message).toContain('晚于');
  });
  it('rejects more than 24 h', () => {
    expect(activityTimeErrors(at('2026-12-04T09:00:00+08:00'), at('2026-12-05T09:01:00+08:00'))[0].message).toContain('24');
  });
});

describe('activityAudit', () => {
  it('never carries the check-in secret', () => {
    const e = {
      id: 'x',
      title: 't',
      kind: 'themed',
      category: 'other',
      siteId: 's',
      teamId: 'm',
      startsAt: new Date(0),
      endsAt: new Date(3600_000),
      capacity: null,
      status: 'published',
      audienceReached: null,
      scheduleId: null,
      serviceOrderId: null,
      description: '',
      checkinSecret: 'deadbeef',
    } as unknown as ActivityEntity;
    const dto = activityAudit(e);
    expect(JSON.stringify(dto)).not.toContain('deadbeef');
    expect(dto.startsAt).toBe('1970-01-01T00:00:00.000Z');
  });
});

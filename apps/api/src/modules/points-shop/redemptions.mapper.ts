import { maskPhone, type RedemptionDto } from '@wenming/shared';
import type { RedemptionRow } from './redemptions.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const toRedemptionDto = (r: RedemptionRow): RedemptionDto => ({
  id: r.id,
  goodsId: r.goods_id,
  goodsName: r.goods_name,
  volunteerId: r.volunteer_id,
  volunteerName: r.volunteer_name,
  volunteerPhone: maskPhone(r.volunteer_phone),
  siteId: r.site_id,
  siteName: r.site_name,
  points: Number(r.points),
  status: r.status,
  requestedAt: iso(r.requested_at)!,
  expiresAt: iso(r.expires_at)!,
  fulfilledBy: r.fulfilled_by,
  fulfilledByName: r.fulfilled_by_name,
  fulfilledAt: iso(r.fulfilled_at),
  closedAt: iso(r.closed_at),
  cancelReason: r.cancel_reason,
});

import { maskPhone, ORDER_STATUS_LABELS, type ServiceOrderDto, type ServiceOrderTrackingDto } from '@wenming/shared';

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);
const date = (d: Date | string): string => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** A row of ORDER_SELECT (raw SQL, snake_case). */
export interface OrderRow {
  id: string;
  menu_item_id: string;
  menu_item_title: string;
  category: ServiceOrderDto['category'];
  site_id: string;
  site_name: string;
  requester_name: string;
  requester_phone: string;
  address: string;
  preferred_date: string | Date;
  note: string;
  status: ServiceOrderDto['status'];
  team_id: string | null;
  team_name: string | null;
  activity_id: string | null;
  rating: number | null;
  rating_comment: string | null;
  decline_reason: string | null;
  cancel_reason: string | null;
  ordered_at: Date;
  dispatched_at: Date | null;
  accepted_at: Date | null;
  completed_at: Date | null;
  rated_at: Date | null;
  cancelled_at: Date | null;
  overdue_since: Date | null;
  overdue: boolean;
  activity_title: string | null;
  activity_starts_at: Date | null;
  activity_ends_at: Date | null;
  activity_status: 'draft' | 'published' | 'completed' | 'cancelled' | null;
}

/** Staff and leaders: the full order (they serve the resident, so they see the phone and address). */
export function toServiceOrderDto(r: OrderRow): ServiceOrderDto {
  return {
    id: r.id,
    menuItemId: r.menu_item_id,
    menuItemTitle: r.menu_item_title,
    category: r.category,
    siteId: r.site_id,
    siteName: r.site_name,
    requesterName: r.requester_name,
    requesterPhone: r.requester_phone,
    address: r.address,
    preferredDate: date(r.preferred_date),
    note: r.note,
    status: r.status,
    teamId: r.team_id,
    teamName: r.team_name,
    activityId: r.activity_id,
    rating: r.rating === null ? null : Number(r.rating),
    ratingComment: r.rating_comment,
    declineReason: r.decline_reason,
    cancelReason: r.cancel_reason,
    orderedAt: iso(r.ordered_at)!,
    dispatchedAt: iso(r.dispatched_at),
    acceptedAt: iso(r.accepted_at),
    completedAt: iso(r.completed_at),
    ratedAt: iso(r.rated_at),
    cancelledAt: iso(r.cancelled_at),
    overdue: r.overdue,
    overdueSince: r.overdue ? iso(r.overdue_since) : null,
  };
}

/** The resident's view by tracking token: own order only, phone masked, no volunteer or address data. */
export function toTrackingDto(r: OrderRow): ServiceOrderTrackingDto {
  return {
    status: r.status,
    statusLabel: ORDER_STATUS_LABELS[r.status],
    menuItemTitle: r.menu_item_title,
    category: r.category,
    siteName: r.site_name,
    requesterName: r.requester_name,
    requesterPhone: maskPhone(r.requester_phone)!,
    preferredDate: date(r.preferred_date),
    teamName: r.team_name,
    activity:
      r.activity_id && r.activity_starts_at
        ? { title: r.activity_title!, startsAt: iso(r.activity_starts_at)!, endsAt: iso(r.activity_ends_at)!, status: r.activity_status! }
        : null,
    rating: r.rating === null ? null : Number(r.rating),
    ratingComment: r.rating_comment,
    cancelReason: r.cancel_reason,
    orderedAt: iso(r.ordered_at)!,
    dispatchedAt: iso(r.dispatched_at),
    acceptedAt: iso(r.accepted_at),
    completedAt: iso(r.completed_at),
    ratedAt: iso(r.rated_at),
    cancelledAt: iso(r.cancelled_at),
  };
}

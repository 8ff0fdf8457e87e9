import type { AttendanceDto, AttendanceMethod } from '@wenming/shared';

/** A row of `attendance` (raw SQL, snake_case) or the entity → the API resource. */
export interface AttendanceRow {
  id: string;
  activity_id: string;
  volunteer_id: string;
  check_in_at: Date;
  check_out_at: Date | null;
  method: AttendanceMethod;
  minutes: number | null;
  status: 'pending' | 'confirmed' | 'rejected';
  confirmed_by: string | null;
  /** name of the login in confirmed_by (volunteer name, or role + site); absent in rows read without it */
  confirmed_by_name?: string | null;
  confirmed_at: Date | null;
  rejected_reason: string | null;
  received_at?: Date | null;
  check_out_received_at?: Date | null;
  checkin_key?: string | null;
  checkout_key?: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toAttendanceDto(r: AttendanceRow): AttendanceDto {
  return {
    activityId: r.activity_id,
    volunteerId: r.volunteer_id,
    checkInAt: iso(r.check_in_at)!,
    checkOutAt: iso(r.check_out_at),
    method: r.method,
    minutes: r.minutes === null ? null : Number(r.minutes),
    status: r.status,
    confirmedBy: r.confirmed_by,
    confirmedByName: r.confirmed_by_name ?? null,
    confirmedAt: iso(r.confirmed_at),
    rejectedReason: r.rejected_reason,
    receivedAt: iso(r.received_at ?? null),
    checkOutReceivedAt: iso(r.check_out_received_at ?? null),
  };
}

/** The audit snapshot of an attendance row. */
export function auditSnapshot(r: AttendanceRow) {
  const d = toAttendanceDto(r);
  return {
    checkInAt: d.checkInAt,
    checkOutAt: d.checkOutAt,
    method: d.method,
    minutes: d.minutes,
    status: d.status,
    rejectedReason: d.rejectedReason,
    receivedAt: d.receivedAt,
    checkOutReceivedAt: d.checkOutReceivedAt,
  };
}

import { Tag } from 'antd';
import type { RedemptionStatus } from '@wenming/shared';
import { REDEMPTION_STATUS_LABELS } from '@wenming/shared';

const COLORS: Record<RedemptionStatus, string> = { requested: 'processing', fulfilled: 'success', cancelled: 'default', expired: 'warning' };

export const RedemptionStatusTag = ({ status }: { status: RedemptionStatus }) => <Tag color={COLORS[status]}>{REDEMPTION_STATUS_LABELS[status] ?? status}</Tag>;

/** Whole points with a sign for ledger changes: +3 / −2 / 0. */
export function signedPoints(delta: number): string {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${Math.abs(delta)}`;
  return '0';
}

import { Tag } from 'antd';
import type { ActivityStatus, AttendanceStatus, OrderStatus, SignupStatus } from '@wenming/shared';
import { ACTIVITY_STATUS_LABELS, ATTENDANCE_STATUS_LABELS, ORDER_STATUS_LABELS, SIGNUP_STATUS_LABELS } from '@/lib/i18n';

const ACTIVITY_COLORS: Record<ActivityStatus, string> = {
  draft: 'default',
  published: 'processing',
  completed: 'success',
  cancelled: 'default',
};
const ATTENDANCE_COLORS: Record<AttendanceStatus, string> = { pending: 'warning', confirmed: 'success', rejected: 'error' };
const SIGNUP_COLORS: Record<SignupStatus, string> = { confirmed: 'success', waitlisted: 'warning', cancelled: 'default' };
const ORDER_COLORS: Record<OrderStatus, string> = {
  ordered: 'orange',
  dispatched: 'blue',
  accepted: 'cyan',
  completed: 'green',
  rated: 'gold',
  cancelled: 'default',
};

export const ActivityStatusTag = ({ status }: { status: ActivityStatus }) => <Tag color={ACTIVITY_COLORS[status]}>{ACTIVITY_STATUS_LABELS[status] ?? status}</Tag>;
export const AttendanceStatusTag = ({ status }: { status: AttendanceStatus }) => (
  <Tag color={ATTENDANCE_COLORS[status]}>{ATTENDANCE_STATUS_LABELS[status] ?? status}</Tag>
);
export const SignupStatusTag = ({ status }: { status: SignupStatus }) => <Tag color={SIGNUP_COLORS[status]}>{SIGNUP_STATUS_LABELS[status] ?? status}</Tag>;
export const OrderStatusTag = ({ status }: { status: OrderStatus }) => <Tag color={ORDER_COLORS[status]}>{ORDER_STATUS_LABELS[status] ?? status}</Tag>;

import { shanghaiDate } from '@wenming/shared';
import type { NoticeInput } from './notices.service';

/** "2026-12-04 09:00" in Asia/Shanghai. */
export function shanghaiDateTime(d: Date | string): string {
  const t = new Date(d);
  return `${shanghaiDate(t)} ${new Date(t.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
}

interface ActivityLike {
  id: string;
  title: string;
  startsAt: Date;
  address?: string | null;
}
const link = (a: { id: string }) => `/activities/${a.id}`;

/** The texts of every notice, in one place (zh-CN). */
export const NoticeTexts = {
  signupConfirmed: (a: ActivityLike): NoticeInput => ({
    kind: 'signup_confirmed',
    title: `报名成功：${a.title}`,
    body: `您已报名「${a.title}」，活动 ${shanghaiDateTime(a.startsAt)} 开始，请按时参加并扫码签到。`,
    link: link(a),
  }),
  signupPromoted: (a: ActivityLike): NoticeInput => ({
    kind: 'signup_promoted',
    title: `候补转正：${a.title}`,
    body: `有人取消了报名，您已从候补转为正式报名「${a.title}」，活动 ${shanghaiDateTime(a.startsAt)} 开始。`,
    link: link(a),
  }),
  activityChanged: (a: ActivityLike, siteName: string | null): NoticeInput => ({
    kind: 'activity_changed',
    title: `活动变更：${a.title}`,
    body: `您报名的「${a.title}」时间或地点有变：现为 ${shanghaiDateTime(a.startsAt)} 开始，地点 ${[siteName, a.address].filter(Boolean).join(' ') || '见活动详情'}。`,
    link: link(a),
  }),
  activityCancelled: (a: ActivityLike, reason: string): NoticeInput => ({
    kind: 'activity_cancelled',
    title: `活动取消：${a.title}`,
    body: `您报名的「${a.title}」（${shanghaiDateTime(a.startsAt)}）已取消${reason ? `，原因：${reason}` : ''}。`,
    link: link(a),
  }),
  attendanceConfirmed: (a: ActivityLike, minutes: number, points: number): NoticeInput => ({
    kind: 'attendance_confirmed',
    title: `考勤已确认：${a.title}`,
    body: `您在「${a.title}」的服务时长 ${minutes} 分钟已确认${points > 0 ? `，获得 ${points} 积分` : ''}。`,
    link: '/me/record',
  }),
  attendanceRejected: (a: ActivityLike, reason: string): NoticeInput => ({
    kind: 'attendance_rejected',
    title: `考勤被驳回：${a.title}`,
    body: `您在「${a.title}」的考勤被驳回，原因：${reason}。如有疑问请联系队长。`,
    link: '/me/record',
  }),
  orderDispatched: (o: { id: string; title: string; address: string }): NoticeInput => ({
    kind: 'order_dispatched',
    title: `新派单：${o.title}`,
    body: `群众点单「${o.title}」（${o.address}）已派给您的队伍，请在 48 小时内接单并安排服务。`,
    link: `/service-orders/${o.id}`,
  }),
  orderAccepted: (o: { id: string; title: string; teamName: string; startsAt: Date }): NoticeInput => ({
    kind: 'order_accepted',
    title: `已接单：${o.title}`,
    body: `${o.teamName}已接下点单「${o.title}」，计划 ${shanghaiDateTime(o.startsAt)} 上门服务。`,
    link: `/service-orders/${o.id}`,
  }),
  redemptionReady: (r: { goodsName: string; points: number; siteName: string; expiresAt: Date }): NoticeInput => ({
    kind: 'redemption_ready',
    title: `兑换待领取：${r.goodsName}`,
    body: `您已用 ${r.points} 积分兑换「${r.goodsName}」，请在 ${shanghaiDate(r.expiresAt)} 前到${r.siteName}领取，逾期积分自动退回。`,
    link: '/points',
  }),
  redemptionFulfilled: (r: { goodsName: string; points: number }): NoticeInput => ({
    kind: 'redemption_fulfilled',
    title: `兑换已领取：${r.goodsName}`,
    body: `您已领取「${r.goodsName}」，扣除 ${r.points} 积分。感谢您的志愿服务！`,
    link: '/points',
  }),
  redemptionCancelled: (r: { goodsName: string; points: number; reason: string | null }): NoticeInput => ({
    kind: 'redemption_cancelled',
    title: `兑换已取消：${r.goodsName}`,
    body: `您兑换「${r.goodsName}」的申请已取消${r.reason ? `（${r.reason}）` : ''}，${r.points} 积分已退回。`,
    link: '/points',
  }),
  redemptionExpired: (r: { goodsName: string; points: number }): NoticeInput => ({
    kind: 'redemption_expired',
    title: `兑换已过期：${r.goodsName}`,
    body: `您兑换的「${r.goodsName}」逾期未领取，申请已作废，${r.points} 积分已退回。`,
    link: '/points',
  }),
  deedAwarded: (d: { deedName: string; points: number; note: string | null }): NoticeInput => ({
    kind: 'deed_awarded',
    title: `获得村规民约积分：${d.deedName}`,
    body: `您因「${d.deedName}」获得 ${d.points} 积分${d.note ? `（${d.note}）` : ''}，可到积分超市兑换物品。`,
    link: '/points',
  }),
  honourApproved: (h: { title: string; year: number }): NoticeInput => ({
    kind: 'honour_approved',
    title: `荣获先进典型：${h.title}`,
    body: `祝贺！您（或您的队伍）被评为 ${h.year} 年度「${h.title}」。`,
    link: '/honours',
  }),
  orderOverdue: (o: { id: string; title: string; stage: 'dispatch' | 'accept'; hours: number }): NoticeInput => ({
    kind: 'order_overdue',
    title: `点单超时：${o.title}`,
    body:
      o.stage === 'dispatch'
        ? `群众点单「${o.title}」已超过 ${o.hours} 小时未派单，请尽快派给服务队伍。`
        : `群众点单「${o.title}」派单后已超过 ${o.hours} 小时未接单，请尽快接单或拒单。`,
    link: `/service-orders/${o.id}`,
    dedupeKey: `order-overdue:${o.stage}:${o.id}`,
  }),
  activityReminder: (a: ActivityLike, siteName: string): NoticeInput => ({
    kind: 'activity_reminder',
    title: `明天的活动：${a.title}`,
    body: `提醒：您报名的「${a.title}」明天 ${shanghaiDateTime(a.startsAt).slice(11)} 开始，地点 ${[siteName, a.address].filter(Boolean).join(' ')}。`,
    link: link(a),
    dedupeKey: `reminder:${a.id}`,
  }),
};

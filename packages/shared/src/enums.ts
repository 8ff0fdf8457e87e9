/** Enums of the domain with their zh-CN labels (one dictionary for API exports and the web). */

export const ROLES = ['county_admin', 'site_admin', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  county_admin: '县文明办',
  site_admin: '实践所/站管理员',
  volunteer: '志愿者',
};

export const REGION_LEVELS = ['county', 'town', 'village', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  county: '县',
  town: '乡镇',
  village: '村',
  community: '社区',
};

export const SITE_LEVELS = ['center', 'institute', 'station'] as const;
export type SiteLevel = (typeof SITE_LEVELS)[number];
export const SITE_LEVEL_LABELS: Record<SiteLevel, string> = {
  center: '实践中心',
  institute: '实践所',
  station: '实践站',
};

export const TEAM_TYPES = ['red_scarf', 'red_vest', 'new_customs', 'party_member', 'women', 'youth', 'other'] as const;
export type TeamType = (typeof TEAM_TYPES)[number];
export const TEAM_TYPE_LABELS: Record<TeamType, string> = {
  red_scarf: '红领巾',
  red_vest: '红马甲',
  new_customs: '新风管家',
  party_member: '党员先锋',
  women: '巾帼',
  youth: '青年',
  other: '其他',
};

export const MEMBERSHIP_ROLES = ['leader', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = { leader: '队长', member: '队员' };

export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];
export const JOIN_REQUEST_STATUS_LABELS: Record<JoinRequestStatus, string> = { pending: '待审核', approved: '已通过', declined: '未通过' };

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const POLITICAL_STATUSES = ['party_member', 'probationary_member', 'league_member', 'young_pioneer', 'masses', 'other'] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];
export const POLITICAL_STATUS_LABELS: Record<PoliticalStatus, string> = {
  party_member: '中共党员',
  probationary_member: '预备党员',
  league_member: '共青团员',
  young_pioneer: '少先队员',
  masses: '群众',
  other: '其他',
};

export const ACTIVITY_KINDS = ['service_day', 'menu_service', 'themed', 'lecture'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  service_day: '志愿服务日',
  menu_service: '菜单式服务',
  themed: '主题活动',
  lecture: '故事式宣讲',
};

export const ACTIVITY_CATEGORIES = [
  'civility_persuasion',
  'law_education',
  'sanitation',
  'waste_sorting',
  'elderly_care',
  'theory_lecture',
  'customs_reform',
  'health',
  'tutoring',
  'other',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];
export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  civility_persuasion: '文明劝导',
  law_education: '普法宣传',
  sanitation: '环境卫生',
  waste_sorting: '垃圾分类',
  elderly_care: '关爱帮扶',
  theory_lecture: '理论宣讲',
  customs_reform: '移风易俗',
  health: '健康义诊',
  tutoring: '课业辅导',
  other: '其他',
};

export const ACTIVITY_STATUSES = ['draft', 'published', 'completed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '已发布',
  completed: '已完成',
  cancelled: '已取消',
};

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
};

/** `code_offline`: a check-in recorded on a phone without network and sent later (its code proves the minute). */
export const ATTENDANCE_METHODS = ['code', 'manual', 'code_offline'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];
export const ATTENDANCE_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '已驳回',
};

export const ORDER_STATUSES = ['ordered', 'dispatched', 'accepted', 'completed', 'rated', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  ordered: '已点单',
  dispatched: '已派单',
  accepted: '已接单',
  completed: '已完成',
  rated: '已评价',
  cancelled: '已取消',
};

/** Audit-log actions and entities with their zh-CN labels (the web shows these, never the codes). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'activity.create': '创建活动',
  'activity.update': '修改活动',
  'activity.cancel': '取消活动',
  'activity.complete': '活动结项',
  'attendance.checkin': '签到',
  'attendance.checkout': '签退',
  'attendance.confirm': '确认考勤',
  'attendance.correct': '更正考勤',
  'attendance.manual': '手工补录考勤',
  'attendance.reject': '驳回考勤',
  'membership.add': '添加队员',
  'membership.remove': '移出队员',
  'menu_item.create': '新增服务项目',
  'menu_item.update': '修改服务项目',
  'menu_item.deactivate': '下架服务项目',
  'menu_item.delete': '删除服务项目',
  'points.redeem': '积分兑换',
  'schedule.create': '新建服务日安排',
  'schedule.update': '修改服务日安排',
  'schedule.delete': '删除服务日安排',
  'service_order.create': '群众点单',
  'service_order.dispatch': '派单',
  'service_order.accept': '接单',
  'service_order.decline': '拒单',
  'service_order.cancel': '取消点单',
  'service_order.complete': '点单完成',
  'service_order.rate': '群众评单',
  'signup.walk_in': '现场报名',
  'user.create': '创建账号',
  'user.password': '重置密码',
  'user.role': '修改角色或阵地',
  'volunteer.create': '新增志愿者',
  'volunteer.update': '修改志愿者',
  'volunteer.import': '批量导入志愿者',
};
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  activity: '活动',
  attendance: '考勤',
  menu_item: '服务菜单',
  points_ledger: '积分',
  service_day_schedule: '服务日安排',
  service_order: '点单',
  signup: '报名',
  team_membership: '队伍成员',
  user: '账号',
  volunteer: '志愿者',
};
/** Label of an audit action, falling back to the entity's label and the code. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/* ---- offline check-in (issue 12): audit labels of its actions ---- */
Object.assign(AUDIT_ACTION_LABELS, {
  'attendance.checkin_offline': '离线签到（补传）',
  'attendance.checkout_offline': '离线签退（补传）',
  'activity.checkin_codes': '下载离线签到码',
});
/* ---- 积分超市, notices, deeds, honours (issue 13) ---- */
export const REDEMPTION_STATUSES = ['requested', 'fulfilled', 'cancelled', 'expired'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  requested: '待领取',
  fulfilled: '已领取',
  cancelled: '已取消',
  expired: '已过期',
};

/** What a points-ledger entry is, derived from the entry (earned by attendance, held by a redemption, …). */
export const POINTS_ENTRY_KINDS = ['earned', 'held', 'spent', 'returned', 'deed', 'adjusted'] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];
export const POINTS_ENTRY_KIND_LABELS: Record<PointsEntryKind, string> = {
  earned: '服务获得',
  held: '兑换冻结',
  spent: '兑换完成',
  returned: '兑换退回',
  deed: '村规民约积分',
  adjusted: '考勤调整',
};

export const NOTICE_KINDS = [
  'signup_confirmed',
  'signup_promoted',
  'activity_changed',
  'activity_cancelled',
  'attendance_confirmed',
  'attendance_rejected',
  'redemption_ready',
  'redemption_fulfilled',
  'redemption_cancelled',
  'redemption_expired',
  'order_dispatched',
  'order_accepted',
  'order_overdue',
  'activity_reminder',
  'deed_awarded',
  'honour_approved',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  signup_confirmed: '报名成功',
  signup_promoted: '候补转正',
  activity_changed: '活动变更',
  activity_cancelled: '活动取消',
  attendance_confirmed: '考勤已确认',
  attendance_rejected: '考勤被驳回',
  redemption_ready: '兑换待领取',
  redemption_fulfilled: '兑换已领取',
  redemption_cancelled: '兑换已取消',
  redemption_expired: '兑换已过期',
  order_dispatched: '点单已派单',
  order_accepted: '点单已接单',
  order_overdue: '点单超时',
  activity_reminder: '活动提醒',
  deed_awarded: '获得村规民约积分',
  honour_approved: '先进典型',
};

export const HONOUR_STATUSES = ['nominated', 'approved', 'rejected'] as const;
export type HonourStatus = (typeof HONOUR_STATUSES)[number];
export const HONOUR_STATUS_LABELS: Record<HonourStatus, string> = {
  nominated: '已提名',
  approved: '已通过',
  rejected: '未通过',
};
export const HONOUR_SUBJECTS = ['volunteer', 'team'] as const;
export type HonourSubject = (typeof HONOUR_SUBJECTS)[number];
export const HONOUR_SUBJECT_LABELS: Record<HonourSubject, string> = {
  volunteer: '志愿者',
  team: '志愿服务队',
};

export const SCHEDULED_JOBS = ['activity-reminders', 'order-overdue', 'redemption-expiry'] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];
export const SCHEDULED_JOB_LABELS: Record<ScheduledJob, string> = {
  'activity-reminders': '活动前一晚提醒',
  'order-overdue': '点单超时提醒',
  'redemption-expiry': '兑换过期处理',
};

Object.assign(AUDIT_ACTION_LABELS, {
  'goods.create': '新增积分商品',
  'goods.update': '修改积分商品',
  'goods.delete': '删除积分商品',
  'redemption.request': '申请兑换',
  'redemption.fulfil': '兑换领取',
  'redemption.cancel': '取消兑换',
  'deed.create': '新增村规民约事项',
  'deed.update': '修改村规民约事项',
  'deed.award': '村规民约积分奖励',
  'honour.nominate': '提名先进典型',
  'honour.approve': '通过先进典型',
  'honour.reject': '驳回先进典型',
});
Object.assign(AUDIT_ENTITY_LABELS, {
  goods: '积分商品',
  redemption: '积分兑换',
  deed: '村规民约事项',
  deed_award: '村规民约积分',
  honour: '先进典型',
});

/** Stable machine codes of API errors, with the default zh-CN text the web shows. */
export const ERROR_CODES = {
  VALIDATION_FAILED: '输入有误，请检查标红的字段',
  BAD_REQUEST: '请求有误',
  UNAUTHENTICATED: '请先登录',
  INVALID_CREDENTIALS: '手机号或密码不正确',
  FORBIDDEN: '没有权限执行此操作',
  OUT_OF_SCOPE: '超出您的管理范围',
  NOT_FOUND: '记录不存在',
  CONFLICT: '操作与当前状态冲突',
  PHONE_TAKEN: '该手机号已被使用',
  ID_NUMBER_TAKEN: '该身份证号已登记',
  ALREADY_MEMBER: '该志愿者已是队伍成员',
  TEAM_ARCHIVED: '该队伍已归档',
  SITE_HAS_CHILDREN: '该阵地下还有下级阵地或队伍，不能删除',
  INVALID_PARENT: '上级阵地层级不正确',
  TOO_MANY_REQUESTS: '操作太频繁，请稍后再试',
  ACCOUNT_LOCKED: '密码错误次数过多，该账号已暂时锁定，请稍后再试',
  ACCOUNT_DISABLED: '该账号已停用，请联系管理员',
  REGISTRATION_PENDING: '该手机号已登记为志愿者，请等待站点管理员确认',
  VERIFICATION_CODE_REQUIRED: '请先获取并填写短信验证码',
  INVALID_VERIFICATION_CODE: '验证码不正确或已过期，请重新获取',
  SMS_UNAVAILABLE: '暂未开通短信验证',
  CLAIM_DECIDED: '该注册申请已处理过',
  INTERNAL: '服务器出错了，请稍后再试',
  DB_UNAVAILABLE: '数据库暂时无法访问，请稍后重试',
  JSON_TOO_DEEP: '请求内容的嵌套层级过深',
  UNSUPPORTED_MEDIA_TYPE: '请求内容类型不受支持，请以 application/json 提交',
  PAYLOAD_TOO_LARGE: '请求内容或上传的文件太大',
  ORDER_STATE_CONFLICT: '点单的当前状态不允许此操作',
  ORDER_ALREADY_RATED: '该点单已评价过，不能重复评价',
  MENU_ITEM_UNAVAILABLE: '该服务项目已下架或不在此站点的菜单中',
  TEAM_NOT_PROVIDER: '该队伍不提供此服务项目，请选择菜单中列出的队伍',
  ACTIVITY_CLOSED: '活动已取消或已完成，不能再报名或修改',
  ACTIVITY_NOT_PUBLISHED: '活动尚未发布',
  ACTIVITY_ENDED: '活动已结束，不能再报名',
  ACTIVITY_NOT_STARTED: '活动还没有开始，不能标记为完成',
  ACTIVITY_NOT_ENDED: '活动还没到计划结束时间；提前结束须确认（endEarly: true）',
  SCHEDULE_OVERLAP: '服务日与本队已有活动时间重叠；确需重叠请明确允许（allowOverlap: true）',
  JOIN_REQUEST_DECIDED: '该入队申请已处理',
  ALREADY_REQUESTED: '已经提交过入队申请，请等待队长处理',
  ACTIVITY_ALREADY_COMPLETED: '活动已完成，覆盖群众人次已登记',
  ACTIVITY_HAS_CONFIRMED_ATTENDANCE: '请先驳回已确认的考勤，再取消活动',
  CAPACITY_BELOW_CONFIRMED: '人数上限不能低于已报名（已确认）的人数',
  SIGNUP_OVERLAP: '您已报名同一时间的另一个活动',
  SCHEDULE_DELETED: '该服务日安排已删除',
  // attendance, records, points
  CHECKIN_WINDOW_CLOSED: '不在签到/签退时间内',
  INVALID_CHECKIN_CODE: '签到码不正确或已过期，请扫描队长出示的最新二维码',
  TOO_MANY_ATTEMPTS: '签到码错误次数过多，请 1 分钟后再试',
  ACTIVITY_NOT_OPEN: '该活动当前不接受签到（未发布、已取消或已结束）',
  NOT_SIGNED_UP: '您没有该活动的有效报名，请先报名',
  NOT_CHECKED_IN: '您还没有签到，不能签退',
  ATTENDANCE_FINALISED: '该考勤已确认或已驳回，不能再修改',
  VOLUNTEER_NOT_IN_ACTIVITY: '该志愿者既不是本队队员，也没有报名该活动',
  INSUFFICIENT_POINTS: '积分余额不足',
  ACTIVITY_FULL: '活动名额已满',
  // offline check-in (a record made without network, sent later)
  OFFLINE_TIME_IN_FUTURE: '记录的时间晚于服务器时间，请检查手机时间后重新签到',
  OFFLINE_CODE_MISMATCH: '签到码与记录的时间不符，这条离线记录无法证明当时在场',
  OFFLINE_GRACE_EXPIRED: '离线记录上传太晚，已超过允许的补传期限，请联系队长补录',
  STATS_SCOPE_REQUIRED: '只有管理员和队长可以查看统计',
  // 积分超市, deeds, honours, notices (issue 13)
  OUT_OF_STOCK: '该商品已兑完',
  GOODS_INACTIVE: '该商品已下架',
  REDEMPTION_STATE_CONFLICT: '该兑换的当前状态不允许此操作',
  DEED_CAP_EXCEEDED: '超出该事项本年度每人积分上限',
  DEED_INACTIVE: '该村规民约事项已停用',
  HONOUR_STATE_CONFLICT: '该先进典型的当前状态不允许此操作',
  NOT_A_VOLUNTEER: '该账号不是志愿者账号',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES | (string & {});

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Array<{ field: string; message: string }>;
  /** SCHEDULE_OVERLAP: the team's activities the series would overlap */
  clashes?: Array<{ title: string; startsAt: string; endsAt: string; scheduleTitle: string | null }>;
}
/** The 429 of POST /auth/login when too many wrong passwords locked the account (code ACCOUNT_LOCKED). */
export interface AccountLockedErrorBody extends ApiErrorBody {
  /** when the lock ends (ISO 8601) */
  lockedUntil: string;
  /** seconds until then */
  retryAfter: number;
}

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
  SITE_HAS_CHILDREN: '该阵地下还有下级阵地或队伍，不能删除',
  INVALID_PARENT: '上级阵地层级不正确',
  TOO_MANY_REQUESTS: '操作太频繁，请稍后再试',
  INTERNAL: '服务器出错了，请稍后再试',
  ORDER_STATE_CONFLICT: '点单的当前状态不允许此操作',
  ORDER_ALREADY_RATED: '该点单已评价过，不能重复评价',
  MENU_ITEM_UNAVAILABLE: '该服务项目已下架或不在此站点的菜单中',
  TEAM_NOT_PROVIDER: '该队伍不提供此服务项目，请选择菜单中列出的队伍',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES | (string & {});

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Array<{ field: string; message: string }>;
}

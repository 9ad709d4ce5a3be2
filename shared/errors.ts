/**
 * Stable error codes. The code is the contract with clients; the message is the
 * default Chinese text shown to a resident (plain words, no jargon).
 */
export const errorCatalog = {
  BAD_REQUEST: { status: 400, message: '请求有误，请刷新后再试' },
  VALIDATION_FAILED: { status: 400, message: '填写的内容不完整或格式不对，请检查后再试' },
  MALFORMED_JSON: { status: 400, message: '请求格式不对，请刷新后再试' },
  MALFORMED_URL: { status: 400, message: '网址不对，请检查后再试' },
  FILE_UNREADABLE: { status: 400, message: '文件打不开，请上传 Excel 表格（.xlsx）或 CSV 文件' },
  ROSTER_INVALID: { status: 400, message: '名册里有填错的行，请改好后再导入' },
  UPLOAD_UNREADABLE: { status: 400, message: '文件打不开或已损坏，请换一个文件再上传' },
  UPLOAD_TOO_MANY_PIXELS: { status: 400, message: '图片尺寸太大了，请缩小后再上传' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  WECHAT_CODE_INVALID: { status: 401, message: '微信登录失败，请重新打开小程序再试' },
  BAD_CREDENTIALS: { status: 401, message: '用户名或密码不对' },
  FORBIDDEN: { status: 403, message: '您没有权限做这件事' },
  NOTICE_MEMBERS_ONLY: { status: 403, message: '加入本社区后可查看' },
  BOARD_MUTED: { status: 403, message: '您已被暂停发言，到期后可以再发' },
  WECHAT_USER_BLOCKED: { status: 403, message: '微信提示此账号存在风险，暂时不能登录' },
  NOT_FOUND: { status: 404, message: '没有找到，可能已被删除' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持这种操作方式' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请检查网络后再试' },
  ALREADY_MEMBER: { status: 409, message: '您已经是这个社区的居民了' },
  JOIN_PENDING: { status: 409, message: '您的申请正在审核中，请耐心等待' },
  INVALID_STATE: { status: 409, message: '当前状态下不能这样操作，请刷新后再试' },
  INVITATION_INVALID: { status: 409, message: '邀请码无效、已过期或已用完' },
  USERNAME_TAKEN: { status: 409, message: '这个用户名已被使用' },
  DUPLICATE: { status: 409, message: '已经有相同的记录了' },
  SIGNUP_CLOSED: { status: 409, message: '报名已截止' },
  SIGNUP_EXISTS: { status: 409, message: '您家已经报过名了' },
  SIGNUP_TOO_MANY_PEOPLE: { status: 400, message: '每户报名人数超过了限制' },
  CONTENT_REJECTED: { status: 422, message: '内容没有通过检查，请修改后再发' },
  DUPLICATE_CONTENT: { status: 409, message: '今天已经发过一样的内容了' },
  EDIT_WINDOW_CLOSED: { status: 409, message: '发布超过10分钟，不能再修改了' },
  ALREADY_REPORTED: { status: 409, message: '您已经举报过了，工作人员会尽快处理' },
  ALREADY_APPEALED: { status: 409, message: '已经申诉过了，每条内容只能申诉一次' },
  VOTE_CLOSED: { status: 409, message: '投票已经结束，不能再投了' },
  VOTE_NOT_OPEN: { status: 409, message: '投票还没有开始' },
  NOT_ELIGIBLE: { status: 403, message: '这次投票您家不在投票范围内' },
  BALLOT_INVALID: { status: 400, message: '选择不对，请按要求重新选择' },
  PROXY_LIMIT: { status: 409, message: '这位居民代投的户数已经到上限了' },
  PROXY_USED: { status: 409, message: '受托人已经投过票，不能再撤销委托' },
  MISSING_FLOOR_AREA: { status: 409, message: '有房屋没有登记面积，请先补全再发起业主投票' },
  ALREADY_COSIGNED: { status: 409, message: '您家已经附议过了' },
  ALREADY_RATED: { status: 409, message: '您家已经评价过了' },
  RENTAL_UNAVAILABLE: { status: 409, message: '这段时间没有空闲的了，可以换个日期或排队等候' },
  RENTAL_LIMIT: { status: 409, message: '您家借用的数量已经到上限了，请先归还再借' },
  RENTAL_DATES_INVALID: { status: 400, message: '借用日期不对，请重新选择' },
  OFFER_EXPIRED: { status: 409, message: '保留时间已过，已让给下一位，您可以重新排队' },
  UNIT_BUSY: { status: 409, message: '这件器具这段时间已有预约或正在维修' },
  CONTACT_EXISTS: { status: 409, message: '已经发过请求了，请等对方回复' },
  CONTACT_COOLING: { status: 409, message: '对方暂时不方便，30天内不能再发请求' },
  CONTACT_CLOSED: { status: 409, message: '对方暂时不方便，不能再发消息' },
  CONTACT_LIMIT: { status: 429, message: '今天发的请求已经够多了，明天再试' },
  DIRECTORY_LIMIT: { status: 429, message: '今天看的邻居已经很多了，明天再来看吧' },
  GROUP_INFO_INVALID: { status: 400, message: '群信息无法识别，请从群聊重新打开' },
  ACCOUNT_LOCKED: { status: 429, message: '密码错误次数太多，请稍后再试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容太大了' },
  UPLOAD_TOO_LARGE: { status: 413, message: '文件太大了，图片最大10MB，PDF最大20MB' },
  UPLOAD_TYPE_NOT_ALLOWED: { status: 415, message: '只能上传照片（JPG、PNG、WebP、HEIC）或 PDF 文件' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求格式不对，请刷新后再试' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求太长了，请刷新后再试' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍等一会儿再试' },
  WECHAT_RATE_LIMITED: { status: 429, message: '登录太频繁，请稍等一会儿再试' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务繁忙，请稍后再试' },
  NOT_IMPLEMENTED: { status: 501, message: '不支持这种操作方式' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '系统出了点问题，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** Messages written for residents are Chinese; zod's built-in ones are English and are never shown. */
export function isChinese(message: string): boolean {
  return /[\u4e00-\u9fa5]/.test(message);
}

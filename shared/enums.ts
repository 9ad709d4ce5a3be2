export const membershipRoles = ['resident', 'moderator'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export const membershipStatuses = ['pending', 'approved', 'rejected', 'revoked', 'left'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

/** A live membership (a request waiting, or a member): one per user and community. */
export const liveMembershipStatuses = ['pending', 'approved'] as const satisfies readonly MembershipStatus[];

export const sessionKinds = ['wechat', 'password'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const officeStatuses = ['open', 'closed', 'day_off'] as const;
export type OfficeStatus = (typeof officeStatuses)[number];

export const officeStatusLabels: Record<OfficeStatus, string> = {
  open: '办公中',
  closed: '已下班',
  day_off: '今日休息',
};

export const membershipStatusLabels: Record<MembershipStatus, string> = {
  pending: '审核中',
  approved: '已加入',
  rejected: '未通过',
  revoked: '已取消',
  left: '已退出',
};

/** queued → running → done; a job that failed its last attempt is dead until an admin retries it. */
export const jobStatuses = ['queued', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const jobStatusLabels: Record<JobStatus, string> = {
  queued: '排队中',
  running: '运行中',
  done: '已完成',
  dead: '已失败',
};

/** What an upload is: a photo (re-encoded, with a thumbnail) or a PDF document (kept as sent). */
export const uploadKinds = ['image', 'pdf'] as const;
export type UploadKind = (typeof uploadKinds)[number];

/** Kinds of notice, with the words residents see on the chips. */
export const noticeCategories = ['notice', 'event', 'reminder', 'urgent', 'publicity'] as const;
export type NoticeCategory = (typeof noticeCategories)[number];
export const noticeCategoryLabels: Record<NoticeCategory, string> = {
  notice: '通知',
  event: '活动',
  reminder: '提醒',
  urgent: '紧急',
  publicity: '公示',
};

export const noticeStatuses = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];
export const noticeStatusLabels: Record<NoticeStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

/** Who a notice is for: the whole community, or the buildings chosen. */
export const noticeAudiences = ['all', 'buildings'] as const;
export type NoticeAudience = (typeof noticeAudiences)[number];

/** 活动报名: a household's sign-up has a place, waits for one, or was cancelled. */
export const signupStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];
export const signupStatusLabels: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '排队中',
  cancelled: '已取消',
};

/** WeChat subscribe-message templates the app asks consent for, with the words residents see. */
export const subscribeTemplates = ['review_result', 'event_reminder', 'urgent_notice'] as const;
export type SubscribeTemplate = (typeof subscribeTemplates)[number];
export const subscribeTemplateLabels: Record<SubscribeTemplate, string> = {
  review_result: '入住审核结果',
  event_reminder: '活动报名提醒',
  urgent_notice: '紧急通知',
};

/**
 * `handler`: a property company's (物业) staff member, who sees and works only the 小事快办
 * reports the community routes to the property company (docs/decisions/017-board.md).
 */
export const membershipRoles = ['resident', 'moderator', 'handler'] as const;
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
export const subscribeTemplates = [
  'review_result',
  'event_reminder',
  'urgent_notice',
  'post_reply',
  'matter_progress',
  'vote_reminder',
  'topic_progress',
  'rental_reminder',
] as const;
export type SubscribeTemplate = (typeof subscribeTemplates)[number];
export const subscribeTemplateLabels: Record<SubscribeTemplate, string> = {
  review_result: '入住审核结果',
  event_reminder: '活动报名提醒',
  urgent_notice: '紧急通知',
  post_reply: '留言回复提醒',
  matter_progress: '小事快办进度',
  vote_reminder: '投票提醒',
  topic_progress: '议事进展',
  rental_reminder: '借用提醒',
};

/**
 * 留言板 and 小事快办 (docs/decisions/017-board.md). A post is a board post or a 小事快办
 * report (a matter); both live in one table and share comments, +1s, reports and screening.
 */
export const postKinds = ['post', 'matter'] as const;
export type PostKind = (typeof postKinds)[number];
export const postKindLabels: Record<PostKind, string> = { post: '留言', matter: '小事快办' };

export const postCategories = ['help', 'suggestion', 'complaint', 'chat', 'praise'] as const;
export type PostCategory = (typeof postCategories)[number];
export const postCategoryLabels: Record<PostCategory, string> = {
  help: '求助',
  suggestion: '建议',
  complaint: '投诉',
  chat: '闲聊',
  praise: '表扬',
};

export const matterCategories = ['lighting', 'sanitation', 'fire_lane', 'leak', 'noise', 'other'] as const;
export type MatterCategory = (typeof matterCategories)[number];
export const matterCategoryLabels: Record<MatterCategory, string> = {
  lighting: '照明',
  sanitation: '卫生',
  fire_lane: '消防通道',
  leak: '漏水',
  noise: '噪音',
  other: '其他',
};

/** Who fixes a matter of a category, as the community sets it. */
export const matterRoutes = ['committee', 'property'] as const;
export type MatterRoute = (typeof matterRoutes)[number];
export const matterRouteLabels: Record<MatterRoute, string> = { committee: '居委会', property: '物业' };

/**
 * Where a post stands. Board posts: awaiting_reply → replied → resolved (the author confirms,
 * or 7 days after the reply). Matters: accepted → in_progress → done → resolved (the author
 * confirms, or 7 days after done); a reopen goes back. One column, two state machines.
 */
export const postStatuses = ['awaiting_reply', 'replied', 'accepted', 'in_progress', 'done', 'resolved'] as const;
export type PostStatus = (typeof postStatuses)[number];
export const boardStatuses = ['awaiting_reply', 'replied', 'resolved'] as const satisfies readonly PostStatus[];
export const matterStatuses = ['accepted', 'in_progress', 'done', 'resolved'] as const satisfies readonly PostStatus[];
export const postStatusLabels: Record<PostStatus, string> = {
  awaiting_reply: '待回复',
  replied: '已回复',
  accepted: '已受理',
  in_progress: '处理中',
  done: '已办结',
  resolved: '已解决',
};

/**
 * Whether others may see a post or comment. held: waiting for WeChat's verdict or a
 * moderator (审核中, the author sees it); hidden: by reports or a moderator; deleted: by the
 * author or a moderator; rejected: screening refused it after the fact (an image's verdict).
 */
export const contentStates = ['visible', 'held', 'hidden', 'deleted', 'rejected'] as const;
export type ContentState = (typeof contentStates)[number];
export const contentStateLabels: Record<ContentState, string> = {
  visible: '已发布',
  held: '审核中',
  hidden: '已隐藏',
  deleted: '已删除',
  rejected: '未通过审核',
};

/** Why an item is held for review. */
export const heldReasons = ['wechat_review', 'wechat_unavailable', 'images_pending', 'quota'] as const;
export type HeldReason = (typeof heldReasons)[number];
export const heldReasonLabels: Record<HeldReason, string> = {
  wechat_review: '内容需要人工审核',
  wechat_unavailable: '内容检查服务暂时不可用，等工作人员审核',
  images_pending: '图片正在检查',
  quota: '今天的自动检查次数已用完，等工作人员审核',
};

/** What can be reported and moderated; later features add theirs. */
export const contentSubjects = [
  'post',
  'comment',
  'topic',
  'topic_comment',
  'topic_rating',
  'neighbour_card',
  'neighbour_message',
] as const;
export type ContentSubject = (typeof contentSubjects)[number];
export const contentSubjectLabels: Record<ContentSubject, string> = {
  post: '留言',
  comment: '评论',
  topic: '议题',
  topic_comment: '议事发言',
  topic_rating: '成效评价',
  neighbour_card: '邻居名片',
  neighbour_message: '邻居私信',
};

export const reportReasons = ['ad', 'abuse', 'false_info', 'privacy', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];
export const reportReasonLabels: Record<ReportReason, string> = {
  ad: '广告',
  abuse: '辱骂',
  false_info: '不实信息',
  privacy: '泄露隐私',
  other: '其他',
};

/** How a post's author is shown to neighbours (the committee always sees who). */
export const authorShownAs = ['name', 'building', 'room', 'anonymous'] as const;
export type AuthorShownAs = (typeof authorShownAs)[number];
export const authorShownAsLabels: Record<AuthorShownAs, string> = {
  name: '昵称和楼栋',
  building: '只显示楼栋',
  room: '昵称、楼栋和房号',
  anonymous: '匿名',
};

/** Lines of the public moderation log: what happened to an item. */
export const moderationActions = ['auto_hidden', 'hidden', 'deleted', 'restored', 'rejected'] as const;
export type ModerationAction = (typeof moderationActions)[number];
export const moderationActionLabels: Record<ModerationAction, string> = {
  auto_hidden: '被举报后自动隐藏',
  hidden: '被工作人员隐藏',
  deleted: '被工作人员删除',
  restored: '恢复显示',
  rejected: '未通过内容审核',
};

/** Which rule a moderation step applied (shown in the public log). */
export const moderationRules = ['reports', 'moderator', 'screening', 'appeal'] as const;
export type ModerationRule = (typeof moderationRules)[number];
export const moderationRuleLabels: Record<ModerationRule, string> = {
  reports: '多位居民举报',
  moderator: '工作人员审核',
  screening: '内容安全检查',
  appeal: '作者申诉后复核',
};

/** A WeChat image check (media_check_async) waiting for, or given, its verdict. */
export const mediaCheckStatuses = ['pending', 'pass', 'review', 'risky'] as const;
export type MediaCheckStatus = (typeof mediaCheckStatuses)[number];

/**
 * 议事厅 (docs/decisions/021-agora.md): the loop 提 → 审 → 议 → 选 → 公示 → 实施 → 评. A topic
 * collects co-signers (collecting) until the threshold, then waits for the committee
 * (reviewing); accepted topics are discussed, voted, published, carried out and rated.
 * declined / merged / lapsed (not enough co-signers in time) end it early.
 */
export const topicStages = [
  'collecting',
  'reviewing',
  'discussing',
  'voting',
  'publicized',
  'implementing',
  'rating',
  'closed',
  'declined',
  'merged',
  'lapsed',
] as const;
export type TopicStage = (typeof topicStages)[number];
export const topicStageLabels: Record<TopicStage, string> = {
  collecting: '征集附议',
  reviewing: '等待居委审核',
  discussing: '议事中',
  voting: '投票中',
  publicized: '结果公示',
  implementing: '实施中',
  rating: '成效评价',
  closed: '已完成',
  declined: '未采纳',
  merged: '已合并',
  lapsed: '附议不足',
};

/** A resident's proposal, or the committee's draft of the 住户守则 (house rules) put to a vote. */
export const topicKinds = ['proposal', 'house_rules'] as const;
export type TopicKind = (typeof topicKinds)[number];
export const topicKindLabels: Record<TopicKind, string> = { proposal: '居民议题', house_rules: '住户守则' };

/** Lines of a topic's timeline. */
export const topicEventKinds = [
  'stage',
  'cosign_reached',
  'merged_in',
  'meeting',
  'update',
  'vote_opened',
  'vote_closed',
] as const;
export type TopicEventKind = (typeof topicEventKinds)[number];

/** A remark in the discussion, or a question the committee answers (问答). */
export const topicCommentKinds = ['comment', 'question'] as const;
export type TopicCommentKind = (typeof topicCommentKinds)[number];

export const voteKinds = ['single', 'multiple', 'motion'] as const;
export type VoteKind = (typeof voteKinds)[number];
export const voteKindLabels: Record<VoteKind, string> = {
  single: '单选',
  multiple: '多选',
  motion: '赞成 / 反对 / 弃权',
};

/** Who casts a ballot: every approved resident, one per household, or the owners (by unit, with area). */
export const voteElectorates = ['resident', 'household', 'owner'] as const;
export type VoteElectorate = (typeof voteElectorates)[number];
export const voteElectorateLabels: Record<VoteElectorate, string> = {
  resident: '每位居民一票',
  household: '每户一票',
  owner: '业主投票（按专有面积和人数）',
};

/** How the outcome is decided (shared/domain/tally.ts; ../shared/DOMAIN-RULES.md). */
export const voteRules = ['simple', 'quorum', 'residents_meeting', 'civil_278', 'civil_278_major'] as const;
export type VoteRule = (typeof voteRules)[number];
export const voteRuleLabels: Record<VoteRule, string> = {
  simple: '简单多数',
  quorum: '达到参与人数后按多数',
  residents_meeting: '居民会议（过半数户参加，参加者过半数同意）',
  civil_278: '民法典第278条一般事项（双三分之二参与，双过半同意）',
  civil_278_major: '民法典第278条重大事项（双三分之二参与，双四分之三同意）',
};

export const voteStatuses = ['draft', 'open', 'closed', 'cancelled'] as const;
export type VoteStatus = (typeof voteStatuses)[number];
export const voteStatusLabels: Record<VoteStatus, string> = {
  draft: '未开始',
  open: '投票中',
  closed: '已结束',
  cancelled: '已取消',
};

/** Whether voters see the figures while the vote is open, or only after it closes. */
export const voteResultsShown = ['live', 'after_close'] as const;
export type VoteResultsShown = (typeof voteResultsShown)[number];

/** The three fixed options of a motion. */
export const motionRoles = ['yes', 'no', 'abstain'] as const;
export type MotionRole = (typeof motionRoles)[number];
export const motionRoleLabels: Record<MotionRole, string> = { yes: '赞成', no: '反对', abstain: '弃权' };

/** How a ballot came in: cast by the household itself, by its delegate (委托), or recorded on paper (代录). */
export const ballotChannels = ['self', 'proxy', 'paper'] as const;
export type BallotChannel = (typeof ballotChannels)[number];
export const ballotChannelLabels: Record<BallotChannel, string> = {
  self: '本人投票',
  proxy: '委托投票',
  paper: '纸质票代录',
};

/** 委托投票: created by the owner (pending until the delegate enters the code), then used or revoked. */
export const proxyStatuses = ['pending', 'active', 'revoked'] as const;
export type ProxyStatus = (typeof proxyStatuses)[number];

/**
 * 社区租赁 (docs/decisions/023-rentals.md): assistive devices lent or rented from service
 * points, with physical units, holds the database keeps from overlapping, and a waiting list.
 */
export const rentalCategories = [
  'wheelchair',
  'walker',
  'cane',
  'nursing_bed',
  'commode_chair',
  'shower_chair',
  'oxygen',
  'rehab_trainer',
  'other',
] as const;
export type RentalCategory = (typeof rentalCategories)[number];
export const rentalCategoryLabels: Record<RentalCategory, string> = {
  wheelchair: '轮椅',
  walker: '助行器',
  cane: '拐杖',
  nursing_bed: '护理床',
  commode_chair: '坐便椅',
  shower_chair: '洗澡椅',
  oxygen: '制氧机',
  rehab_trainer: '康复训练器',
  other: '其他',
};

/** How an item is charged: a free loan, per day, or per rental period (the city scheme: 6 months). */
export const rentalFeeKinds = ['free', 'per_day', 'per_period'] as const;
export type RentalFeeKind = (typeof rentalFeeKinds)[number];
export const rentalFeeKindLabels: Record<RentalFeeKind, string> = {
  free: '免费借用',
  per_day: '按天收费',
  per_period: '按租期收费',
};

/** The eligibility category a renter declares: a category only, never medical detail (PIPL art. 6). */
export const rentalEligibilities = ['elderly', 'low_income', 'disabled', 'temporary'] as const;
export type RentalEligibility = (typeof rentalEligibilities)[number];
export const rentalEligibilityLabels: Record<RentalEligibility, string> = {
  elderly: '高龄老人',
  low_income: '低保家庭',
  disabled: '残疾人',
  temporary: '临时伤病',
};

export const rentalConditions = ['good', 'worn', 'needs_repair', 'scrapped'] as const;
export type RentalCondition = (typeof rentalConditions)[number];
export const rentalConditionLabels: Record<RentalCondition, string> = {
  good: '良好',
  worn: '有磨损',
  needs_repair: '待维修',
  scrapped: '报废',
};

/** Where a unit is; `on_loan` iff it has a booking that is on loan (tested). */
export const rentalUnitStatuses = ['in_stock', 'on_loan', 'maintenance', 'retired'] as const;
export type RentalUnitStatus = (typeof rentalUnitStatuses)[number];
export const rentalUnitStatusLabels: Record<RentalUnitStatus, string> = {
  in_stock: '在库',
  on_loan: '已借出',
  maintenance: '维修中',
  retired: '已报废',
};

/** What happened to a unit (its history). */
export const rentalUnitEventKinds = [
  'added',
  'assigned',
  'released',
  'checked_out',
  'checked_in',
  'condition',
  'maintenance',
  'maintenance_end',
  'retired',
] as const;
export type RentalUnitEventKind = (typeof rentalUnitEventKinds)[number];
export const rentalUnitEventKindLabels: Record<RentalUnitEventKind, string> = {
  added: '入库',
  assigned: '分配给预约',
  released: '预约取消，释放',
  checked_out: '借出',
  checked_in: '归还',
  condition: '登记状况',
  maintenance: '停用维修',
  maintenance_end: '维修完成',
  retired: '报废',
};

/**
 * A booking's life (shared/domain/rental-states.ts): waiting (排队) → offered (a unit held 24 h)
 * → confirmed; or pending (staff to confirm) → confirmed → on_loan → returned; cancelled,
 * rejected, expired (an offer not taken) end it.
 */
export const rentalBookingStatuses = [
  'waiting',
  'offered',
  'pending',
  'confirmed',
  'on_loan',
  'returned',
  'cancelled',
  'rejected',
  'expired',
] as const;
export type RentalBookingStatus = (typeof rentalBookingStatuses)[number];
export const rentalBookingStatusLabels: Record<RentalBookingStatus, string> = {
  waiting: '排队中',
  offered: '有空闲，待您确认',
  pending: '待确认',
  confirmed: '已确认',
  on_loan: '已借出',
  returned: '已归还',
  cancelled: '已取消',
  rejected: '已拒绝',
  expired: '已过期',
};
/** Bookings that count against a household's cap (and a unit, once it holds one). */
export const activeRentalStatuses = [
  'waiting',
  'offered',
  'pending',
  'confirmed',
  'on_loan',
] as const satisfies readonly RentalBookingStatus[];

export const rentalHandovers = ['pickup', 'delivery'] as const;
export type RentalHandover = (typeof rentalHandovers)[number];
export const rentalHandoverLabels: Record<RentalHandover, string> = { pickup: '自己去取', delivery: '送货上门' };

/** What blocks a unit's dates: a booking, a 24-hour offer from the waiting list, or maintenance. */
export const rentalHoldKinds = ['booking', 'offer', 'maintenance'] as const;
export type RentalHoldKind = (typeof rentalHoldKinds)[number];

/**
 * 找邻居 (docs/decisions/024-neighbours.md). The tags a resident picks from; a few free tags of
 * their own may be added (NEIGHBOUR_FREE_TAGS_MAX in shared/contracts/neighbours.ts).
 */
export const neighbourTags = [
  '会修电器',
  '懂法律',
  '会电脑',
  '团长',
  '志愿者',
  '可代收快递',
  '医护',
  '教师',
  '退休党员',
  '会说沪语',
  '会理发',
  '会做饭',
  '懂养花',
  '会开车',
  '带孩子',
  '懂健身',
] as const;
export type NeighbourTag = (typeof neighbourTags)[number];

/**
 * What a resident's card may show, each behind its own switch, plus the two consents that are
 * not fields of the card: being listed at all, and 愿意为社区服务 (能人库). A contact's shared
 * phone and WeChat ID are consents too (logged per contact).
 */
export const neighbourFields = [
  'listed',
  'name',
  'avatar',
  'building',
  'room',
  'intro',
  'tags',
  'help',
  'serve',
  'share_phone',
  'share_wechat',
] as const;
export type NeighbourField = (typeof neighbourFields)[number];
export const neighbourFieldLabels: Record<NeighbourField, string> = {
  listed: '让邻居找到我',
  name: '称呼',
  avatar: '头像',
  building: '楼栋',
  room: '单元和房号',
  intro: '自我介绍',
  tags: '标签',
  help: '可以帮忙 / 需要帮忙',
  serve: '愿意为社区服务（能人库）',
  share_phone: '给对方看我的电话',
  share_wechat: '给对方看我的微信号',
};

/**
 * A contact request's life: pending → accepted (a private thread) or declined (the requester is
 * told only 对方暂时不方便) or withdrawn by the requester; closed when either side blocks the
 * other, leaves the community or deletes the account.
 */
export const neighbourContactStates = ['pending', 'accepted', 'declined', 'withdrawn', 'closed'] as const;
export type NeighbourContactState = (typeof neighbourContactStates)[number];

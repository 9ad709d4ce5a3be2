/**
 * Every action the audit log records, with the kind of object it acts on and the
 * words a committee worker reads in 操作记录. A service can only audit an action
 * named here (the type says so), so the log never holds a code nobody can read.
 * `platform`: a platform-level action, never in a committee's own log.
 */
export const auditActions = {
  'membership.join': { target: 'membership', label: '申请加入社区' },
  'membership.leave': { target: 'membership', label: '退出社区' },
  'membership.redeem_invitation': { target: 'membership', label: '用邀请码加入' },
  'membership.approve': { target: 'membership', label: '通过加入申请' },
  'membership.reject': { target: 'membership', label: '不通过加入申请' },
  'membership.revoke': { target: 'membership', label: '取消居民身份' },
  'membership.deleted_by_resident': { target: 'membership', label: '居民注销了账号' },
  'invitation.create': { target: 'invitation', label: '生成邀请码' },
  'invitation.revoke': { target: 'invitation', label: '作废邀请码' },
  'committee.update': { target: 'community', label: '修改居委名片' },
  'building.create': { target: 'building', label: '添加楼栋' },
  'building.rename': { target: 'building', label: '修改楼栋名称' },
  'building.merge': { target: 'building', label: '合并楼栋' },
  'building.retire': { target: 'building', label: '停用楼栋' },
  'building.delete': { target: 'building', label: '删除楼栋' },
  'household.create': { target: 'household', label: '添加房屋' },
  'household.update': { target: 'household', label: '修改房屋信息' },
  'household.retire': { target: 'household', label: '停用房屋' },
  'household.delete': { target: 'household', label: '删除房屋' },
  'household.restore': { target: 'household', label: '重新启用房屋' },
  'roster.import': { target: 'community', label: '导入房屋名册' },
  'notice.create': { target: 'notice', label: '新建通知草稿' },
  'notice.update': { target: 'notice', label: '修改通知' },
  'notice.publish': { target: 'notice', label: '发布通知' },
  'notice.withdraw': { target: 'notice', label: '撤回通知' },
  'notice.schedule': { target: 'notice', label: '设置定时发布' },
  'notice.unschedule': { target: 'notice', label: '取消定时发布' },
  'notice.publish_scheduled': { target: 'notice', label: '定时发布的通知已发出' },
  'signup.create': { target: 'notice', label: '活动报名' },
  'signup.cancel': { target: 'notice', label: '取消活动报名' },
  'signup.attended': { target: 'notice', label: '活动签到' },
  'community.create': { target: 'community', label: '新建居委会' },
  'district.create': { target: 'district', label: '新建区', platform: true },
  'street.create': { target: 'street', label: '新建街镇', platform: true },
  'staff.create': { target: 'user', label: '新建工作人员账号', platform: true },
  'staff.disable': { target: 'user', label: '停用工作人员账号', platform: true },
  'staff.reset_password': { target: 'user', label: '重设工作人员密码', platform: true },
  'moderator.appoint': { target: 'membership', label: '任命社区管理员' },
  'admin.create_cli': { target: 'user', label: '在服务器上新建平台管理员', platform: true },
  'admin.promote_cli': { target: 'user', label: '在服务器上设为平台管理员', platform: true },
  'job.retry': { target: 'job', label: '重新运行失败的后台任务', platform: true },
  'post.official_reply': { target: 'post', label: '回复居民留言' },
  'screening_word.add': { target: 'screening_word', label: '添加敏感词' },
  'screening_word.remove': { target: 'screening_word', label: '删除敏感词' },
  'platform_screening_word.add': { target: 'screening_word', label: '添加平台敏感词', platform: true },
  'platform_screening_word.remove': { target: 'screening_word', label: '删除平台敏感词', platform: true },
  'handler.appoint': { target: 'membership', label: '任命物业处理人' },
  'matter.start': { target: 'post', label: '小事快办：开始处理' },
  'matter.finish': { target: 'post', label: '小事快办：标记办结' },
  'matter.reassign': { target: 'post', label: '小事快办：转交' },
  'moderation.appeal': { target: 'content', label: '作者申诉' },
  'moderation.restore': { target: 'content', label: '恢复显示留言或评论' },
  'moderation.hide': { target: 'content', label: '隐藏留言或评论' },
  'moderation.delete': { target: 'content', label: '删除留言或评论' },
  'moderation.mute': { target: 'user', label: '禁言' },
  'moderation.unmute': { target: 'user', label: '解除禁言' },
  'board.settings': { target: 'community', label: '修改留言板设置' },
  'vote.create': { target: 'vote', label: '发起投票' },
  'vote.opened': { target: 'vote', label: '定时投票已开始' },
  'vote.cancel': { target: 'vote', label: '取消投票' },
  'vote.closed': { target: 'vote', label: '投票结束并公示结果' },
  'vote.paper_ballot': { target: 'vote', label: '代录纸质选票' },
  'vote.service': { target: 'vote', label: '登记选票送达' },
  'topic.propose': { target: 'topic', label: '议事厅：提出议题' },
  'topic.cosign': { target: 'topic', label: '议事厅：附议' },
  'topic.accept': { target: 'topic', label: '议事厅：采纳议题' },
  'topic.decline': { target: 'topic', label: '议事厅：不采纳议题' },
  'topic.merge': { target: 'topic', label: '议事厅：合并议题' },
  'topic.create_by_committee': { target: 'topic', label: '议事厅：居委会发起议题' },
  'topic.edit': { target: 'topic', label: '议事厅：修改议题内容' },
  'topic.move': { target: 'topic', label: '议事厅：推进议题阶段' },
  'topic.answer': { target: 'topic', label: '议事厅：居委答复' },
  'topic.meeting': { target: 'topic', label: '议事厅：记录议事会' },
  'topic.update': { target: 'topic', label: '议事厅：发布实施进展' },
  'topic.rate': { target: 'topic', label: '议事厅：成效评价' },
  'agora.settings': { target: 'community', label: '修改议事规则' },
} as const satisfies Record<string, { target: string; label: string; platform?: true }>;

export type AuditAction = keyof typeof auditActions;

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(auditActions, value);

/** The Chinese label of an action; an unknown code (an older row) shows as itself. */
export const auditLabel = (action: string): string => (isAuditAction(action) ? auditActions[action].label : action);

/** Every action code, for the filter's list and its validation. */
export const auditActionCodes = Object.keys(auditActions) as [AuditAction, ...AuditAction[]];

/** The actions a committee's own log can hold (platform-level ones have no community), in catalogue order. */
export const communityAuditActions = auditActionCodes.filter((a) => !('platform' in auditActions[a]));

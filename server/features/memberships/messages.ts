import type { Tx } from '../../deps';
import { notifyUser } from '../../platform/notify';
import { templateData, wechatTime } from '../../wechat/templates';

interface Decision {
  membershipId: number;
  userId: number;
  communityId: number;
  communityName: string;
  status: 'approved' | 'rejected' | 'revoked';
  reason: string | null;
  decidedAt: Date;
}

const homePath = '/pages/home/index';
const joinPath = (communityId: number) => `/packages/committee/join/index?id=${communityId}`;
const cardPath = (communityId: number) => `/packages/committee/card/index?id=${communityId}`;

/** What the resident is told of a moderator's decision, in plain words with the next step. */
function wording(d: Decision) {
  const why = d.reason ? `原因：${d.reason}。` : '';
  switch (d.status) {
    case 'approved':
      return {
        title: `你已通过${d.communityName}的审核`,
        body: '你已成为本社区居民，现在可以查看本社区的通知和服务了。',
        link: homePath,
      };
    case 'rejected':
      return {
        title: `${d.communityName}没有通过你的申请`,
        body: `${why}请核对房号和姓名后重新申请，或联系居委会。`,
        link: joinPath(d.communityId),
      };
    case 'revoked':
      return {
        title: `你已不再是${d.communityName}的居民`,
        body: `${why}如有疑问，请联系居委会。`,
        link: cardPath(d.communityId),
      };
  }
}

/** 审核结果 in WeChat's words: 已通过 / 未通过 / 已移出 (a phrase: 5 characters at most). */
const resultPhrase = { approved: '已通过', rejected: '未通过', revoked: '已移出' } as const;

/**
 * Tells the resident of a membership decision, in the decision's transaction: in the
 * message centre, and by WeChat subscribe message (审核结果) if they consented when they
 * applied. The key names the decision, so a repeated delivery of the same decision is
 * one message.
 */
export async function tellDecision(tx: Tx, d: Decision): Promise<number | null> {
  const words = wording(d);
  return notifyUser(tx, {
    userId: d.userId,
    communityId: d.communityId,
    kind: `membership.${d.status}`,
    ...words,
    key: `membership.${d.membershipId}.${d.status}.${d.decidedAt.toISOString()}`,
    wechat: {
      template: 'review_result',
      data: templateData('review_result', {
        subject: `加入${d.communityName}`,
        result: resultPhrase[d.status],
        note: d.reason ? `原因：${d.reason}` : d.status === 'approved' ? '点开查看本社区通知' : '点开查看详情',
        time: wechatTime(d.decidedAt),
      }),
    },
  });
}

import type { MatterCategory, MatterRoute } from '../../../shared/enums';
import { matterCategoryLabels, matterRouteLabels, postStatusLabels } from '../../../shared/enums';
import type { Tx } from '../../deps';
import { notifyUser } from '../../platform/notify';
import { templateData, wechatTime } from '../../wechat/templates';

interface Progress {
  postId: number;
  communityId: number;
  authorId: number;
  matterCategory: MatterCategory;
  place: string;
  /** The status it moved to (in_progress, done), or null when only its route changed. */
  status: 'in_progress' | 'done' | null;
  route: MatterRoute;
  note: string | null;
  at: Date;
}

export const matterLink = (communityId: number, postId: number) =>
  `/packages/board/detail/index?communityId=${communityId}&id=${postId}`;

/**
 * Tells the reporter that their 小事快办 moved: in the message centre, and by the
 * 小事快办进度 subscribe message when they consented. A route change is told in-app only
 * (nothing happened on the ground yet).
 */
export async function tellProgress(tx: Tx, p: Progress): Promise<void> {
  const what = `${matterCategoryLabels[p.matterCategory]}：${p.place}`;
  const side = matterRouteLabels[p.route];
  const note = p.note ? `说明：${p.note}` : '';
  const words =
    p.status === 'in_progress'
      ? { title: `${side}已经开始处理你报的${what}`, body: note || '处理好了会再告诉你。' }
      : p.status === 'done'
        ? { title: `你报的${what}已办结`, body: `${note}\n如果还没有解决，可以在详情里点“还没解决”。`.trim() }
        : { title: `你报的${what}已转给${side}处理`, body: note };
  await notifyUser(tx, {
    userId: p.authorId,
    communityId: p.communityId,
    kind: 'matter.progress',
    ...words,
    link: matterLink(p.communityId, p.postId),
    key: `matter.${p.postId}.${p.status ?? `route-${p.route}`}.${p.at.toISOString()}`,
    ...(p.status
      ? {
          wechat: {
            template: 'matter_progress' as const,
            data: templateData('matter_progress', {
              matter: what,
              status: postStatusLabels[p.status],
              handler: side,
              time: wechatTime(p.at),
            }),
          },
        }
      : {}),
  });
}

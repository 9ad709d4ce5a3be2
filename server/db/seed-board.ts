import type {
  AuthorShownAs,
  MatterCategory,
  MatterRoute,
  PostCategory,
  PostKind,
  PostStatus,
} from '../../shared/enums';
import type { Tx } from '../deps';
import { normalizedHash } from '../features/board/limits';
import {
  boardSettings,
  contentReports,
  memberships,
  moderationLog,
  postComments,
  postEvents,
  postPlusOnes,
  posts,
  users,
} from './schema';

/**
 * The demo community's 留言板 and 小事快办: a dozen posts of every category, most answered by the
 * committee, one 小事快办 in each state (two routed to the property company's handler), one post
 * hidden after three reports and one comment removed by the moderator, so the public log has lines.
 */

export interface BoardNeighbour {
  userId: number;
  householdId: number;
  nickname: string;
  building: string;
  room: string;
}

const HOUR = 3_600_000;

/** Neighbours added for the board (approved residents of buildings 2–6; 1号楼 stays the demo resident's). */
export const boardNeighbours = [
  { name: '赵德明', nickname: '赵师傅', building: 1, unit: '1单元', room: '401' },
  { name: '孙丽萍', nickname: '孙阿姨', building: 2, unit: '1单元', room: '202' },
  { name: '周国强', nickname: '老周', building: 3, unit: '2单元', room: '301' },
  { name: '吴秀兰', nickname: '吴阿姨', building: 4, unit: '1单元', room: '102' },
  { name: '郑小军', nickname: '小郑', building: 5, unit: '2单元', room: '602' },
] as const;

/** Where each 小事快办 category goes in the demo: the property company fixes lights, leaks and cleaning. */
export const demoMatterRoutes: Partial<Record<MatterCategory, MatterRoute>> = {
  lighting: 'property',
  leak: 'property',
  sanitation: 'property',
};

function label(n: BoardNeighbour, shown: AuthorShownAs): string {
  if (shown === 'anonymous') return '匿名邻居';
  if (shown === 'building') return `${n.building}的邻居`;
  if (shown === 'room') return `${n.nickname} · ${n.building} ${n.room}室`;
  return `${n.nickname} · ${n.building}`;
}

interface DemoPost {
  by: number;
  shown?: AuthorShownAs;
  kind?: PostKind;
  category?: PostCategory;
  matter?: { category: MatterCategory; place: string };
  body: string;
  hoursAgo: number;
  status: PostStatus;
  /** Comments by neighbour index (hours after the post). */
  comments?: Array<{ by: number; body: string; after: number }>;
  /** The official reply (hours after the post). */
  reply?: { body: string; after: number };
  plus?: number[];
  rating?: { stars: number; comment: string };
  reopened?: boolean;
}

export async function seedBoard(
  tx: Tx,
  at: {
    communityId: number;
    moderatorId: number;
    handlerId: number;
    /** The demo resident first, then the other approved neighbours. */
    people: BoardNeighbour[];
  },
) {
  const now = Date.now();
  const ago = (hours: number) => new Date(now - hours * HOUR);
  await tx.insert(boardSettings).values({ communityId: at.communityId, matterRoutes: demoMatterRoutes });

  const list: DemoPost[] = [
    {
      by: 0,
      category: 'help',
      body: '家里老人腿脚不便，想问一下社区有没有可以借轮椅的地方？用两个星期左右。',
      hoursAgo: 30,
      status: 'replied',
      reply: { body: '您好，社区服务站可以借轮椅，工作日上午9点到11点来居委会登记就行，带上身份证。', after: 2 },
      comments: [{ by: 2, body: '我去年借过，很方便，押金也不贵。', after: 3 }],
    },
    {
      by: 1,
      category: 'suggestion',
      body: '建议在3号楼旁边的空地加几张长椅，老人散步走累了可以坐一坐。',
      hoursAgo: 72,
      status: 'resolved',
      reply: { body: '谢谢建议！长椅已经订了，下周安装，到时请大家多提意见。', after: 5 },
      plus: [2, 3, 4],
    },
    {
      by: 3,
      category: 'complaint',
      shown: 'building',
      body: '晚上十点以后还有人在楼下广场跳舞，音响声音很大，影响休息。',
      hoursAgo: 20,
      status: 'replied',
      reply: { body: '已经和跳舞的队伍沟通，晚上9点半前结束，音量调小。如果还有问题请再告诉我们。', after: 4 },
      plus: [1, 4, 5],
      comments: [{ by: 4, body: '支持，家里有小孩要早睡。', after: 1 }],
    },
    {
      by: 4,
      category: 'chat',
      body: '今天菜场门口的草莓很新鲜，十块钱一斤，想买的邻居可以去看看。',
      hoursAgo: 6,
      status: 'awaiting_reply',
      comments: [
        { by: 2, body: '刚买了，确实甜！', after: 1 },
        { by: 5, body: '谢谢分享，下午去看看。', after: 2 },
      ],
    },
    {
      by: 2,
      category: 'praise',
      body: '感谢居委会的周老师，上周帮我家老人办好了高龄补贴，跑了好几趟，辛苦了！',
      hoursAgo: 50,
      status: 'replied',
      reply: { body: '不客气，这是我们应该做的。有需要随时来找我们。', after: 6 },
      plus: [0, 1],
    },
    {
      by: 5,
      category: 'help',
      shown: 'anonymous',
      body: '家里的水管有点漏水，有没有邻居知道靠谱的师傅？',
      hoursAgo: 3,
      status: 'awaiting_reply',
    },
    {
      by: 1,
      category: 'suggestion',
      body: '快递柜旁边能不能装个灯？晚上取快递看不清。',
      hoursAgo: 96,
      status: 'resolved',
      reply: { body: '已经请物业装好了，大家晚上取件注意安全。', after: 10 },
    },
    {
      by: 3,
      category: 'chat',
      body: '周末有没有邻居一起去公园打太极拳？早上7点在小区门口集合。',
      hoursAgo: 12,
      status: 'awaiting_reply',
      comments: [{ by: 0, body: '我去！正好想锻炼身体。', after: 2 }],
    },
    {
      by: 0,
      category: 'praise',
      body: '表扬保洁的刘阿姨，每天把楼道打扫得干干净净。',
      hoursAgo: 40,
      status: 'replied',
      reply: { body: '已经把大家的表扬转达给刘阿姨了，谢谢您！', after: 3 },
      plus: [1, 2, 3],
    },
    {
      by: 4,
      category: 'complaint',
      body: '地下车库有车一直停在消防通道上，好几天了。',
      hoursAgo: 26,
      status: 'replied',
      reply: { body: '已经联系车主挪车，也贴了提醒。以后发现可以直接报小事快办。', after: 2 },
    },
    {
      by: 2,
      category: 'help',
      body: '想学用手机挂号，社区有没有教老人用智能手机的课？',
      hoursAgo: 8,
      status: 'replied',
      reply: { body: '每周三下午2点在活动室有智能手机课，不用报名，直接来就可以。', after: 1 },
    },
    {
      by: 5,
      category: 'suggestion',
      body: '小区里的垃圾分类指示牌字太小了，建议换大一点的。',
      hoursAgo: 15,
      status: 'awaiting_reply',
      plus: [0, 3],
    },
    // 小事快办, one in each state.
    {
      by: 0,
      kind: 'matter',
      matter: { category: 'lighting', place: '1号楼2单元楼道' },
      body: '1号楼2单元3楼的楼道灯坏了，晚上很黑，老人上下楼不安全。',
      hoursAgo: 4,
      status: 'accepted',
      plus: [1],
    },
    {
      by: 1,
      kind: 'matter',
      matter: { category: 'leak', place: '2号楼地下室' },
      body: '2号楼地下室的水管在滴水，地上积了一滩水。',
      hoursAgo: 28,
      status: 'in_progress',
      reply: { body: '物业已派师傅查看，需要换一段水管，明天上午修好。', after: 3 },
    },
    {
      by: 0,
      kind: 'matter',
      matter: { category: 'fire_lane', place: '小区东门消防通道' },
      body: '东门的消防通道被几辆电动车堵住了。',
      hoursAgo: 50,
      status: 'done',
      reply: { body: '电动车已经挪走，已在通道两边画了禁停线。', after: 20 },
    },
    {
      by: 3,
      kind: 'matter',
      matter: { category: 'sanitation', place: '4号楼垃圾房' },
      body: '4号楼旁边的垃圾房好几天没清运，有味道了。',
      hoursAgo: 120,
      status: 'resolved',
      reply: { body: '已经清运并消毒，以后每天清运两次。', after: 8 },
      rating: { stars: 5, comment: '处理得很快，谢谢！' },
      reopened: true,
    },
  ];

  const staffLabel = (route: MatterRoute | null) => (route === 'property' ? '物业' : '居委会');
  const postIds = new Map<DemoPost, number>();
  // Oldest first, so that ids follow time as they do when residents post (the feed pages by id).
  for (const p of [...list].sort((a, b) => b.hoursAgo - a.hoursAgo)) {
    const author = at.people[p.by];
    const kind = p.kind ?? 'post';
    const route = p.matter ? (demoMatterRoutes[p.matter.category] ?? 'committee') : null;
    const created = ago(p.hoursAgo);
    const replyAt = p.reply ? ago(p.hoursAgo - p.reply.after) : null;
    const lastComment = Math.max(0, ...(p.comments ?? []).map((c) => c.after), p.reply?.after ?? 0);
    const staffId = route === 'property' ? at.handlerId : at.moderatorId;
    const doneAt = p.status === 'done' || p.status === 'resolved' ? (replyAt ?? created) : null;
    const [post] = await tx
      .insert(posts)
      .values({
        communityId: at.communityId,
        kind,
        category: p.category ?? null,
        matterCategory: p.matter?.category ?? null,
        place: p.matter?.place ?? null,
        route,
        authorId: author.userId,
        householdId: author.householdId,
        authorShown: p.shown ?? 'name',
        authorLabel: label(author, p.shown ?? 'name'),
        body: p.body,
        bodyHash: normalizedHash(p.body),
        status: p.status,
        createdAt: created,
        activityAt: ago(p.hoursAgo - lastComment),
        firstReplyAt: kind === 'matter' && p.status !== 'accepted' ? (replyAt ?? created) : replyAt,
        statusAt: doneAt ?? replyAt ?? created,
        handledBy: kind === 'matter' && p.status !== 'accepted' ? staffId : null,
        doneAt: kind === 'matter' ? doneAt : null,
        resolvedAt: p.status === 'resolved' ? ago(Math.max(p.hoursAgo - lastComment - 2, 0)) : null,
        reopenCount: p.reopened ? 1 : 0,
        commentCount: (p.comments ?? []).length,
        officialCount: p.reply ? 1 : 0,
        plusCount: (p.plus ?? []).length,
        rating: p.rating?.stars ?? null,
        ratingComment: p.rating?.comment ?? null,
        ratedAt: p.rating ? ago(1) : null,
      })
      .returning({ id: posts.id });
    postIds.set(p, post.id);

    if (p.reply) {
      await tx.insert(postComments).values({
        postId: post.id,
        communityId: at.communityId,
        authorId: staffId,
        authorLabel: staffLabel(route),
        isOfficial: true,
        body: p.reply.body,
        bodyHash: normalizedHash(p.reply.body),
        createdAt: replyAt as Date,
      });
    }
    for (const c of p.comments ?? []) {
      const by = at.people[c.by];
      await tx.insert(postComments).values({
        postId: post.id,
        communityId: at.communityId,
        authorId: by.userId,
        householdId: by.householdId,
        authorLabel: label(by, 'name'),
        body: c.body,
        bodyHash: normalizedHash(c.body),
        createdAt: ago(p.hoursAgo - c.after),
      });
    }
    for (const i of p.plus ?? []) {
      await tx.insert(postPlusOnes).values({
        postId: post.id,
        householdId: at.people[i].householdId,
        userId: at.people[i].userId,
        createdAt: ago(p.hoursAgo - 1),
      });
    }

    // The timeline: how it got where it is.
    const steps: Array<{
      from: PostStatus | null;
      to: PostStatus;
      role: 'resident' | 'moderator' | 'handler';
      note: string | null;
      at: Date;
    }> = [];
    const staffRole = route === 'property' ? 'handler' : 'moderator';
    if (kind === 'post') {
      steps.push({ from: null, to: 'awaiting_reply', role: 'resident', note: null, at: created });
      if (p.status !== 'awaiting_reply')
        steps.push({ from: 'awaiting_reply', to: 'replied', role: 'moderator', note: null, at: replyAt as Date });
      if (p.status === 'resolved')
        steps.push({
          from: 'replied',
          to: 'resolved',
          role: 'resident',
          note: null,
          at: ago(Math.max(p.hoursAgo - 24, 1)),
        });
    } else {
      steps.push({ from: null, to: 'accepted', role: 'resident', note: null, at: created });
      if (p.status !== 'accepted')
        steps.push({ from: 'accepted', to: 'in_progress', role: staffRole, note: null, at: ago(p.hoursAgo - 1) });
      if (p.reopened) {
        steps.push({ from: 'in_progress', to: 'done', role: staffRole, note: '已清运', at: ago(p.hoursAgo - 3) });
        steps.push({
          from: 'done',
          to: 'in_progress',
          role: 'resident',
          note: '只清了一半，还有几袋没拉走',
          at: ago(p.hoursAgo - 5),
        });
      }
      if (p.status === 'done' || p.status === 'resolved')
        steps.push({
          from: 'in_progress',
          to: 'done',
          role: staffRole,
          note: p.reply?.body ?? null,
          at: doneAt as Date,
        });
      if (p.status === 'resolved')
        steps.push({
          from: 'done',
          to: 'resolved',
          role: 'resident',
          note: null,
          at: ago(Math.max(p.hoursAgo - 30, 2)),
        });
    }
    await tx.insert(postEvents).values(
      steps.map((s) => ({
        postId: post.id,
        communityId: at.communityId,
        actorId: s.role === 'resident' ? author.userId : staffId,
        actorRole: s.role,
        fromStatus: s.from,
        toStatus: s.to,
        note: s.note,
        createdAt: s.at,
      })),
    );
  }

  // A post three neighbours reported, hidden automatically; a comment the moderator removed.
  const rumourBody = '听说下个月整个小区都要拆迁，大家赶紧把房子卖了！';
  const [rumour] = await tx
    .insert(posts)
    .values({
      communityId: at.communityId,
      kind: 'post',
      category: 'chat',
      authorId: at.people[5].userId,
      householdId: at.people[5].householdId,
      authorLabel: '匿名邻居',
      authorShown: 'anonymous',
      body: rumourBody,
      bodyHash: normalizedHash(rumourBody),
      status: 'awaiting_reply',
      state: 'hidden',
      stateReason: '多位居民举报：不实信息',
      reportCount: 3,
      createdAt: ago(10),
      activityAt: ago(10),
      statusAt: ago(10),
    })
    .returning({ id: posts.id });
  await tx.insert(postEvents).values({
    postId: rumour.id,
    communityId: at.communityId,
    actorId: at.people[5].userId,
    actorRole: 'resident',
    toStatus: 'awaiting_reply',
    createdAt: ago(10),
  });
  await tx.insert(contentReports).values(
    [1, 2, 3].map((i) => ({
      communityId: at.communityId,
      subject: 'post' as const,
      subjectId: rumour.id,
      reporterId: at.people[i].userId,
      reason: 'false_info' as const,
      createdAt: ago(9 - i),
    })),
  );
  await tx.insert(moderationLog).values({
    communityId: at.communityId,
    subject: 'post',
    subjectId: rumour.id,
    action: 'auto_hidden',
    rule: 'reports',
    reason: '3位居民举报：不实信息',
    createdAt: ago(6),
  });
  const adBody = '专业疏通下水道，价格优惠，加微信……';
  const [ad] = await tx
    .insert(postComments)
    .values({
      // Under the anonymous question about a leaking pipe.
      postId: postIds.get(list[5]) as number,
      communityId: at.communityId,
      authorId: at.people[4].userId,
      householdId: at.people[4].householdId,
      authorLabel: label(at.people[4], 'name'),
      body: adBody,
      bodyHash: normalizedHash(adBody),
      state: 'deleted',
      stateReason: '广告',
      createdAt: ago(2),
    })
    .returning({ id: postComments.id });
  await tx.insert(moderationLog).values({
    communityId: at.communityId,
    subject: 'comment',
    subjectId: ad.id,
    action: 'deleted',
    rule: 'moderator',
    reason: '广告',
    actorId: at.moderatorId,
    createdAt: ago(1),
  });
}

/** The property company's handler of the demo community (signs in with a password, sees its 小事快办). */
export async function seedHandler(
  tx: Tx,
  at: { communityId: number; passwordHash: string; decidedBy: number },
): Promise<number> {
  const [handler] = await tx
    .insert(users)
    .values({ username: 'wuye', passwordHash: at.passwordHash, nickname: '梧桐里物业 陈师傅' })
    .returning({ id: users.id });
  await tx.insert(memberships).values({
    communityId: at.communityId,
    userId: handler.id,
    role: 'handler',
    status: 'approved',
    decidedBy: at.decidedBy,
    decidedAt: new Date(),
  });
  return handler.id;
}

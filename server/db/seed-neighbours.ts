import { and, eq } from 'drizzle-orm';
import {
  type CardSwitches,
  defaultCardSwitches,
  NEIGHBOUR_CONSENT_VERSION,
  switchChanges,
} from '../../shared/domain/neighbour-card';
import type { AppDeps, Tx } from '../deps';
import { localOpenid } from '../wechat/local';
import {
  buildings,
  households,
  memberships,
  neighbourCards,
  neighbourConsents,
  neighbourContacts,
  neighbourMessages,
  users,
} from './schema';
import type { BoardNeighbour } from './seed-board';

/*
 * The demo community's 找邻居 (docs/decisions/024-neighbours.md): fourteen listed cards with
 * varied switches (tags, help lists, intro, a hidden building, a hidden name, a room shown), two
 * cards saved but not listed, five residents in the 能人库, and for the demo resident 王秀英 her own
 * card, one accepted contact with 李师傅 of her building (a short thread both ways, a phone he
 * shared) and one request waiting for her answer. Cards and their consent rows are written as a
 * first save writes them (switchChanges(null, switches)); contacts and messages directly. Dates
 * are relative to the seed's clock. Runs inside seedDemo's transaction (first run only).
 */

export interface NeighbourSeedInput {
  communityId: number;
  moderatorId: number;
  /** The demo resident first, then the other approved neighbours (seed.ts). */
  people: BoardNeighbour[];
}

/** Residents added for the directory: approved, without phones, in several buildings. */
export const directoryNeighbours = [
  { key: 'li', name: '李文斌', nickname: '李师傅', building: 0, unit: '2单元', room: '401' },
  { key: 'zhangT', name: '张慧敏', nickname: '张老师', building: 2, unit: '1单元', room: '502' },
  { key: 'chen', name: '陈凤英', nickname: '陈阿姨', building: 0, unit: '1单元', room: '601' },
  { key: 'liuDr', name: '刘建华', nickname: '刘医生', building: 3, unit: '1单元', room: '302' },
  { key: 'xiaoZhou', name: '周子豪', nickname: '小周', building: 4, unit: '2单元', room: '201' },
  { key: 'huang', name: '黄美玲', nickname: '黄阿姨', building: 1, unit: '2单元', room: '102' },
  { key: 'gao', name: '高建平', nickname: '高师傅', building: 4, unit: '1单元', room: '501' },
  { key: 'ma', name: '马丽娟', nickname: '马阿姨', building: 5, unit: '1单元', room: '202' },
] as const;

type Key =
  | (typeof directoryNeighbours)[number]['key']
  | 'wang'
  | 'liJG'
  | 'zhangGL'
  | 'zhao'
  | 'sun'
  | 'zhouGQ'
  | 'wu'
  | 'zheng';

/** seed.ts's people in order: the three approved residents, then the board's five neighbours. */
const peopleKeys: Key[] = ['wang', 'liJG', 'zhangGL', 'zhao', 'sun', 'zhouGQ', 'wu', 'zheng'];

interface DemoCard {
  who: Key;
  displayName: string;
  switches: Partial<CardSwitches>;
  intro?: string;
  tags?: string[];
  canHelp?: string[];
  needHelp?: string[];
  /** Days since the card was listed (or saved, when not listed). */
  daysAgo: number;
}

const on = { listed: true } as const;

/** The cards; every listed one shows its name and building unless it says otherwise. */
export const demoCards: DemoCard[] = [
  {
    who: 'wang',
    displayName: '王阿姨',
    switches: { ...on, showTags: true, showHelp: true },
    tags: ['会说沪语'],
    needHelp: ['腿脚不便，想找人帮忙取快递'],
    daysAgo: 6,
  },
  {
    who: 'li',
    displayName: '李师傅',
    switches: { ...on, showTags: true, showHelp: true, showIntro: true, serve: true },
    intro: '在家电厂做了三十年维修，退休了，邻居家电器坏了可以找我看看。',
    tags: ['会修电器'],
    canHelp: ['修洗衣机', '换灯泡'],
    daysAgo: 20,
  },
  {
    who: 'zhangT',
    displayName: '张老师',
    switches: { ...on, showTags: true, showIntro: true, showHelp: true },
    intro: '小学语文老师，周末有空。可以教老人用手机、视频聊天。',
    tags: ['教师', '会电脑'],
    canHelp: ['教用智能手机'],
    daysAgo: 15,
  },
  {
    who: 'chen',
    displayName: '陈阿姨',
    switches: { ...on, showTags: true, showRoom: true, showHelp: true },
    tags: ['团长', '可代收快递'],
    canHelp: ['代收快递', '团购蔬菜水果'],
    daysAgo: 12,
  },
  {
    who: 'liuDr',
    displayName: '刘医生',
    switches: { ...on, showBuilding: false, showTags: true, showIntro: true, serve: true },
    intro: '在社区卫生服务中心工作，不方便透露住哪栋楼，有健康方面的问题可以先问我。',
    tags: ['医护'],
    daysAgo: 10,
  },
  {
    who: 'zhao',
    displayName: '赵大伯',
    switches: { ...on, showTags: true, showHelp: true, serve: true },
    tags: ['退休党员', '会说沪语', '志愿者'],
    canHelp: ['陪老人聊天', '巡楼'],
    daysAgo: 18,
  },
  {
    who: 'xiaoZhou',
    displayName: '小周',
    switches: { ...on, showTags: true, showHelp: true },
    tags: ['会电脑'],
    canHelp: ['修电脑', '装软件'],
    needHelp: ['想学做上海菜'],
    daysAgo: 3,
  },
  {
    who: 'liJG',
    displayName: '老李',
    switches: { ...on, showTags: true, showIntro: true, serve: true },
    intro: '退休前在街道法律服务所帮忙，邻里纠纷、合同上的事可以一起看看。',
    tags: ['懂法律'],
    daysAgo: 25,
  },
  {
    who: 'zhangGL',
    displayName: '张阿姨',
    switches: { ...on, showTags: true, showHelp: true },
    tags: ['会说沪语', '包馄饨'],
    canHelp: ['教包馄饨'],
    daysAgo: 9,
  },
  {
    who: 'sun',
    displayName: '孙阿姨',
    switches: { ...on, showTags: true, serve: true },
    tags: ['志愿者', '可代收快递'],
    daysAgo: 14,
  },
  {
    // A card that shows no name: found by its tag, read as 邻居.
    who: 'zhouGQ',
    displayName: '老周',
    switches: { ...on, showName: false, showTags: true },
    tags: ['会修电器'],
    daysAgo: 8,
  },
  {
    // Listed with the defaults only: name and building.
    who: 'wu',
    displayName: '吴阿姨',
    switches: { ...on },
    tags: ['会说沪语'],
    daysAgo: 5,
  },
  {
    who: 'huang',
    displayName: '黄阿姨',
    switches: { ...on, showTags: true, showHelp: true },
    tags: ['医护'],
    canHelp: ['量血压'],
    daysAgo: 7,
  },
  {
    who: 'gao',
    displayName: '高师傅',
    switches: { ...on, showTags: true, showIntro: true },
    intro: '开出租车的，晚上常在家。',
    tags: ['会修电器', '会电脑'],
    daysAgo: 2,
  },
  // Saved but not listed: nobody sees them.
  { who: 'zheng', displayName: '小郑', switches: { showTags: true }, tags: ['会电脑'], daysAgo: 4 },
  { who: 'ma', displayName: '马阿姨', switches: {}, daysAgo: 1 },
];

/** The demo resident's accepted contact with 李师傅: her request, then the thread (hours after it). */
export const demoThread = [
  { by: 'wang', body: '想请您帮忙看看洗衣机', after: 0 },
  { by: 'li', body: '好的王阿姨，您家洗衣机是什么问题？', after: 2 },
  { by: 'wang', body: '转的时候响得厉害，水也放不干净。', after: 3 },
  { by: 'li', body: '可能是排水管堵了。我明天上午十点左右过来看看，电话我留给您了。', after: 4 },
] as const;

/** The phone 李师傅 shared with her (an obviously fake number). */
export const DEMO_SHARED_PHONE = '021-5555-0188';
/** The request waiting for the demo resident's answer. */
export const DEMO_PENDING_REQUEST = '王阿姨，我是楼里的团长，您取快递不方便的话我可以帮您代收。';

const HOUR = 3_600_000;

export async function seedNeighbours(deps: AppDeps, tx: Tx, at: NeighbourSeedInput): Promise<void> {
  const now = Date.now();
  const ago = (hours: number) => new Date(now - hours * HOUR);
  const homes = await tx
    .select({
      id: households.id,
      buildingId: households.buildingId,
      sort: buildings.sort,
      unit: households.unit,
      room: households.room,
    })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(eq(households.communityId, at.communityId));
  const homeById = new Map(homes.map((h) => [h.id, h]));
  const homeByKey = new Map(homes.map((h) => [`${h.sort - 1}|${h.unit}|${h.room}`, h]));

  const who = new Map<Key, { userId: number; householdId: number }>();
  for (const [i, key] of peopleKeys.entries()) {
    const p = at.people[i];
    if (p) who.set(key, { userId: p.userId, householdId: p.householdId });
  }
  for (const [i, r] of directoryNeighbours.entries()) {
    const home = homeByKey.get(`${r.building}|${r.unit}|${r.room}`);
    if (!home) throw new Error(`seed-neighbours: no household ${r.building} ${r.unit} ${r.room}`);
    const [user] = await tx
      .insert(users)
      .values({ openid: localOpenid(`seed-directory-${i}`), nickname: r.nickname })
      .returning({ id: users.id });
    await tx.insert(memberships).values({
      communityId: at.communityId,
      userId: user.id,
      householdId: home.id,
      role: 'resident',
      status: 'approved',
      realNameEnc: deps.cipher.encrypt(r.name),
      decidedBy: at.moderatorId,
      decidedAt: ago(24 * 40),
    });
    who.set(r.key, { userId: user.id, householdId: home.id });
  }

  for (const card of demoCards) {
    const person = who.get(card.who);
    if (!person) throw new Error(`seed-neighbours: no ${card.who}`);
    const switches: CardSwitches = { ...defaultCardSwitches, ...card.switches };
    const savedAt = ago(card.daysAgo * 24);
    await tx.insert(neighbourCards).values({
      communityId: at.communityId,
      userId: person.userId,
      householdId: person.householdId,
      buildingId: homeById.get(person.householdId)?.buildingId ?? null,
      ...switches,
      listedAt: switches.listed ? savedAt : null,
      serveSince: switches.serve ? savedAt : null,
      displayName: card.displayName,
      intro: card.intro ?? null,
      tags: card.tags ?? [],
      canHelp: card.canHelp ?? [],
      needHelp: card.needHelp ?? [],
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
      createdAt: savedAt,
      updatedAt: savedAt,
    });
    await tx.insert(neighbourConsents).values(
      switchChanges(null, switches).map((c) => ({
        communityId: at.communityId,
        userId: person.userId,
        field: c.field,
        granted: c.granted,
        textVersion: NEIGHBOUR_CONSENT_VERSION,
        createdAt: savedAt,
      })),
    );
  }

  const wang = who.get('wang');
  const li = who.get('li');
  const chen = who.get('chen');
  if (!wang || !li || !chen) throw new Error('seed-neighbours: people');

  // 王秀英 asked 李师傅 two days ago; he accepted within the hour and they wrote a few lines.
  const askedHoursAgo = 48;
  const [contact] = await tx
    .insert(neighbourContacts)
    .values({
      communityId: at.communityId,
      requesterId: wang.userId,
      addresseeId: li.userId,
      state: 'accepted',
      createdAt: ago(askedHoursAgo),
      decidedAt: ago(askedHoursAgo - 1),
      addresseePhoneEnc: deps.cipher.encrypt(DEMO_SHARED_PHONE),
    })
    .returning({ id: neighbourContacts.id });
  const messages = await tx
    .insert(neighbourMessages)
    .values(
      demoThread.map((m, i) => ({
        communityId: at.communityId,
        contactId: contact.id,
        authorId: m.by === 'wang' ? wang.userId : li.userId,
        isRequest: i === 0,
        body: m.body,
        createdAt: ago(askedHoursAgo - m.after),
      })),
    )
    .returning({ id: neighbourMessages.id });
  const lastId = messages.at(-1)?.id ?? 0;
  // He has read everything; she has not yet read his last message.
  await tx
    .update(neighbourContacts)
    .set({
      lastMessageAt: ago(askedHoursAgo - (demoThread.at(-1)?.after ?? 0)),
      requesterReadId: messages.at(-2)?.id ?? 0,
      addresseeReadId: lastId,
    })
    .where(eq(neighbourContacts.id, contact.id));
  await tx.insert(neighbourConsents).values({
    communityId: at.communityId,
    userId: li.userId,
    field: 'share_phone',
    granted: true,
    textVersion: NEIGHBOUR_CONSENT_VERSION,
    contactId: contact.id,
    createdAt: ago(askedHoursAgo - 4),
  });

  // 陈阿姨 (the building's 团长) offered to take in her parcels this morning: waiting for her answer.
  const [pending] = await tx
    .insert(neighbourContacts)
    .values({ communityId: at.communityId, requesterId: chen.userId, addresseeId: wang.userId, createdAt: ago(3) })
    .returning({ id: neighbourContacts.id });
  const [request] = await tx
    .insert(neighbourMessages)
    .values({
      communityId: at.communityId,
      contactId: pending.id,
      authorId: chen.userId,
      isRequest: true,
      body: DEMO_PENDING_REQUEST,
      createdAt: ago(3),
    })
    .returning({ id: neighbourMessages.id });
  await tx
    .update(neighbourContacts)
    .set({ lastMessageAt: ago(3), requesterReadId: request.id })
    .where(and(eq(neighbourContacts.id, pending.id), eq(neighbourContacts.state, 'pending')));
}

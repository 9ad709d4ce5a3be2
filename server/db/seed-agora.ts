import type { AppDeps, Tx } from '../deps';
import { agoraSettings, houseRules } from './schema';
import {
  type AgoraSeedInput,
  comments,
  committeeTopic,
  cosign,
  DAY,
  DEMO_COSIGN_THRESHOLD,
  day,
  HOUR,
  householdBallots,
  meeting,
  mergeInto,
  move,
  openVoteBallots,
  progress,
  proposal,
  ratings,
  reachThreshold,
  rulesFigures,
  runVote,
  storePictures,
} from './seed-agora-topics';
import { insertBallots, insertVote, seedOwnerFields, spread, type VoteSpec } from './seed-agora-votes';

/*
 * The demo community's 议事厅: one topic at each stage (征集 → 审核 → 议事 → 投票 → 公示 → 实施 →
 * 评价 → 完成, and the early ends 未采纳 / 已合并 / 附议不足), an open quick poll, and the 住户守则
 * adopted by a 居民会议 vote. Counts on the topics match their rows; the closed votes' results
 * are tally() over the electors and ballots written here. Runs inside seedDemo's transaction
 * (first run only), like the board's seed.
 */

export { type AgoraSeedInput, DEMO_COSIGN_THRESHOLD };

export const HOUSE_RULES_TITLE = '梧桐里小区住户守则';

export const HOUSE_RULES_TEXT = [
  '第一条 爱护公共设施。楼道灯、健身器材、座椅和车棚坏了，请及时告诉居委会或物业，不要私自拆改。',
  '第二条 楼道不堆物。楼道、楼梯口和消防通道不放家具、纸箱和杂物，保持通道畅通。',
  '第三条 电动车不进楼。电动自行车停在车棚，到充电桩充电，不推进楼道和家里充电。',
  '第四条 垃圾分类。按湿垃圾、干垃圾、可回收物、有害垃圾分好，在规定时间投放到垃圾箱房。',
  '第五条 文明养犬。出门牵绳，及时清理粪便，按时给狗打疫苗、办证，楼道里遇到老人和孩子先让一让。',
  '第六条 高空不抛物。不从窗户和阳台往下扔东西，阳台上的花盆放稳放牢。',
  '第七条 装修守时。装修先到物业登记；工作日上午8点到12点、下午2点到6点可以施工，周末和节假日不做有噪声的活。',
  '第八条 晚间安静。晚上9点半以后，广场舞、唱歌和室内活动把声音放小，不影响邻居休息。',
  '第九条 停车有序。机动车停在划好的车位上，不占消防通道和绿地。',
  '第十条 邻里互助。多关心独居老人和行动不便的邻居，有矛盾先好好商量，商量不了请居委会调解。',
].join('\n');

/** Pictures (shapes only: no fonts needed) of a signed authorisation, a paper ballot and new lamps. */
export function agoraPictures(): string[] {
  const lines = (x: number, y: number, n: number, w: number) =>
    Array.from(
      { length: n },
      (_, i) => `<rect x="${x}" y="${y + i * 44}" width="${w - (i % 3) * 60}" height="10" rx="5" fill="#90a4ae"/>`,
    ).join('');
  const paper = (inner: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="900"><rect width="700" height="900" fill="#8d6e63"/><rect x="50" y="40" width="600" height="820" fill="#fffdf5"/>${inner}</svg>`;
  const authorisation = paper(
    `<rect x="220" y="90" width="260" height="22" rx="11" fill="#37474f"/>${lines(110, 170, 9, 480)}<path d="M420 700 q30 -50 60 0 t60 0" stroke="#1a237e" stroke-width="6" fill="none"/><circle cx="520" cy="640" r="62" fill="none" stroke="#c62828" stroke-width="8"/><circle cx="520" cy="640" r="10" fill="#c62828"/>`,
  );
  const grid = Array.from(
    { length: 3 },
    (_, i) =>
      `<rect x="110" y="${380 + i * 110}" width="480" height="90" fill="none" stroke="#546e7a" stroke-width="4"/><rect x="140" y="${410 + i * 110}" width="30" height="30" fill="none" stroke="#263238" stroke-width="4"/>`,
  ).join('');
  const ballot = paper(
    `<rect x="200" y="90" width="300" height="24" rx="12" fill="#37474f"/>${lines(110, 170, 4, 480)}${grid}<path d="M142 425 l12 14 l22 -30" stroke="#c62828" stroke-width="7" fill="none"/><path d="M380 770 q30 -40 60 0 t60 0" stroke="#1a237e" stroke-width="6" fill="none"/>`,
  );
  const lamps = Array.from(
    { length: 4 },
    (_, i) =>
      `<rect x="${120 + i * 180}" y="60" width="16" height="520" fill="#616161"/><circle cx="${128 + i * 180}" cy="300" r="46" fill="#fff59d"/><circle cx="${128 + i * 180}" cy="300" r="22" fill="#ffffff"/>`,
  ).join('');
  const stairs = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="640"><rect width="900" height="640" fill="#37474f"/>${Array.from(
    { length: 6 },
    (_, i) => `<rect x="${i * 150}" y="${600 - i * 70}" width="900" height="70" fill="#78909c"/>`,
  ).join('')}${lamps}</svg>`;
  return [authorisation, ballot, stairs];
}

/** Seeds the demo 议事厅 (inside seedDemo's transaction). */
export async function seedAgora(deps: AppDeps, tx: Tx, at: AgoraSeedInput) {
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY);
  const p = at.people;
  const mod = at.moderatorId;
  const c = at.communityId;

  await tx
    .insert(agoraSettings)
    .values({ communityId: c, cosignThreshold: DEMO_COSIGN_THRESHOLD, cosignDays: 30, ratingDays: 30, updatedBy: mod });
  const homes = await seedOwnerFields(tx, c, new Set(p.map((x) => x.householdId)));
  const [authorisationPic, ballotPic, lampsPic] = await storePictures(deps, tx, at);

  // ---- Topics, oldest first (ids follow time, as the lists page by id) ----

  // 已完成: 中心花园绿化补种 — done, rated, closed by the system when the rating window ended.
  const garden = await proposal(tx, {
    c,
    by: p[2],
    title: '中心花园绿化补种',
    body: '中心花园有好几块草皮秃了，靠3号楼那边的冬青也死了一排，下雨天一地泥。建议补种草皮和灌木，再种几棵开花的树，老人散步也好看。',
    place: '中心花园',
    created: ago(130),
  });
  const gardenCosigners = [p[0], p[1], p[3], p[4], p[6]];
  await cosign(tx, garden, gardenCosigners, ago(129), DAY);
  await reachThreshold(tx, garden, ago(125));
  await move(tx, garden, 'reviewing', 'discussing', 'moderator', mod, ago(123), {
    note: '采纳。居委会请绿化公司出补种方案，在议事厅公示后施工。',
    set: { plan: '居委会请绿化公司出补种方案，在议事厅公示后施工。' },
  });
  await comments(tx, garden, [
    { by: p[4], body: '希望多种点桂花，秋天香。', at: ago(122) },
    { by: p[1], body: '补种的时候把花园里的小路也修一修吧，有几块砖松了。', at: ago(121) },
    { official: true, body: '谢谢大家的建议，方案里加了6棵桂花树，小路的松砖请物业一起修。', at: ago(120) },
  ]);
  await move(tx, garden, 'discussing', 'implementing', 'moderator', mod, ago(100), {
    note: '方案公示期满无异议，开始施工。',
  });
  await progress(tx, garden, mod, [
    { body: '补种草皮约300平方米，种下桂花树6棵、冬青120株。', on: ago(95) },
    { body: '花园小路的松砖已经修好，树苗都挂了养护牌。', on: ago(88) },
  ]);
  await move(tx, garden, 'implementing', 'rating', 'moderator', mod, ago(85), {
    note: '施工完成，请大家评价。',
    set: { ratingUntil: new Date(now - 85 * DAY + 30 * DAY) },
  });
  await ratings(tx, garden, [
    { by: p[0], score: 5, comment: '花园漂亮多了，每天早上都去走一圈。', at: ago(84) },
    { by: p[1], score: 4, comment: '不错，就是有一块草皮还没长好。', at: ago(80) },
    { by: p[3], score: 5, comment: null, at: ago(78) },
    { by: p[4], score: 4, comment: '桂花树种上了，明年就能闻到香味了。', at: ago(75) },
    { by: p[6], score: 5, comment: '感谢居委会和绿化师傅！', at: ago(70) },
  ]);
  await move(tx, garden, 'rating', 'closed', 'system', null, ago(55), { note: '评价期结束。' });

  // 住户守则: drafted by the committee, discussed, adopted by a 居民会议 vote, closed.
  const rules = await committeeTopic(tx, {
    c,
    mod,
    kind: 'house_rules',
    title: HOUSE_RULES_TITLE,
    body: HOUSE_RULES_TEXT,
    plan: '请大家在议事厅提意见，修改后由全体住户投票表决，过半数户参加、参加户过半数同意即通过。',
    created: ago(80),
  });
  await comments(tx, rules, [
    { by: p[3], body: '养狗的那条能不能写上出门要牵绳？现在有人遛狗不牵绳，小孩害怕。', at: ago(78) },
    {
      by: p[5],
      kind: 'question',
      body: '装修时间周六能不能做？上班族只有周末有空。',
      at: ago(77),
      answer: { body: '周末可以做没有噪声的活，比如刷墙、铺地板；电钻、切割这类有噪声的活只在工作日做。', at: ago(76) },
    },
    { by: p[7], body: '建议加一条电动车不进楼，去年隔壁小区就是楼道充电着火的。', at: ago(75) },
    {
      official: true,
      body: '大家的意见已经写进守则：第三条电动车不进楼，第五条出门牵绳。修改稿就是现在这一版。',
      at: ago(72),
    },
  ]);
  const rulesVote = await runVote(tx, homes, rules, mod, {
    spec: {
      communityId: c,
      topicId: rules.id,
      title: '表决《梧桐里小区住户守则》',
      description: '请每户投一票。过半数户参加、参加户过半数同意，守则即通过并公布。',
      kind: 'motion',
      electorate: 'household',
      rule: 'residents_meeting',
      resultsShown: 'after_close',
      status: 'closed',
      opensAt: ago(60),
      closesAt: ago(46),
      createdBy: mod,
    },
    // About two households in three took part; nearly all of them said yes.
    ballots: (v) =>
      householdBallots(v, homes, p, mod, {
        takePart: (i) => spread(i, 11) < 690,
        choose: (i) => {
          const r = spread(i, 12);
          return r < 900 ? 'yes' : r < 960 ? 'no' : 'abstain';
        },
        opensAt: ago(60),
        days: 14,
        paperEvery: 1,
      }),
  });
  await tx.insert(houseRules).values({
    communityId: c,
    version: 1,
    title: HOUSE_RULES_TITLE,
    body: HOUSE_RULES_TEXT,
    topicId: rules.id,
    voteId: rulesVote.vote.id,
    adoptedAt: ago(46),
    figures: rulesFigures(rulesVote.result),
    createdAt: ago(46),
  });
  await move(tx, rules, 'publicized', 'closed', 'moderator', mod, ago(38), {
    note: '守则已经通过，公示期满，正式施行。全文在议事厅「住户守则」里随时可以看。',
  });

  // 评价中: 楼道灯换成声控LED灯 — done five days ago, four households rated.
  const lamps = await proposal(tx, {
    c,
    by: p[7],
    title: '楼道灯换成声控LED灯',
    body: '6号楼的楼道灯是老式的，一直亮着费电，有几层还坏了。建议全小区换成声控LED灯，亮、省电，晚上老人上下楼也安全。',
    place: '各楼栋楼道',
    created: ago(70),
  });
  await cosign(tx, lamps, [p[0], p[1], p[2], p[5], p[6]], ago(69), HOUR * 20);
  await reachThreshold(tx, lamps, ago(65));
  await move(tx, lamps, 'reviewing', 'discussing', 'moderator', mod, ago(64), {
    note: '采纳。请物业报价，用公共收益支付。',
    set: { plan: '请物业报价，用公共收益支付，先换6号楼，再换其他楼。' },
  });
  await comments(tx, lamps, [
    {
      by: p[0],
      kind: 'question',
      body: '声控灯会不会一会儿就灭了？我走得慢。',
      at: ago(63),
      answer: { body: '新灯亮的时间是90秒，走得慢也够用，每层都有感应。', at: ago(62) },
    },
  ]);
  await move(tx, lamps, 'discussing', 'implementing', 'moderator', mod, ago(40), {
    note: '不需要投票，物业开始更换。',
  });
  await progress(tx, lamps, mod, [
    { body: '6号楼、5号楼的楼道灯已经全部换好。', on: ago(30) },
    { body: '1到4号楼换好了，共更换声控LED灯132盏。', on: ago(8), uploadId: lampsPic },
  ]);
  await move(tx, lamps, 'implementing', 'rating', 'moderator', mod, ago(5), {
    note: '全部换好了，请大家评价。',
    set: { ratingUntil: new Date(now - 5 * DAY + 30 * DAY) },
  });
  await ratings(tx, lamps, [
    { by: p[1], score: 4, comment: '亮是亮了，就是2楼的灯反应有点慢。', at: ago(4) },
    { by: p[2], score: 5, comment: '晚上回家亮堂多了。', at: ago(3) },
    { by: p[3], score: 5, comment: null, at: ago(2) },
    { by: p[5], score: 4, comment: '希望以后坏了能修得快一点。', at: ago(1) },
  ]);

  // 公示: 垃圾箱房改造 — an owners' vote under 民法典 278 (使用维修资金), closed three days ago.
  const bins = await proposal(tx, {
    c,
    by: p[3],
    title: '改造小区垃圾箱房',
    body: '小区的垃圾箱房太旧了，没有顶棚，下雨天垃圾泡水，夏天味道很大，也没有洗手的地方。建议改造：加顶棚、装洗手池和除臭设备。',
    place: '4号楼旁垃圾箱房',
    created: ago(60),
  });
  await cosign(tx, bins, [p[0], p[1], p[2], p[5], p[6]], ago(59), HOUR * 12);
  await reachThreshold(tx, bins, ago(56));
  await move(tx, bins, 'reviewing', 'discussing', 'moderator', mod, ago(54), {
    note: '采纳。改造要用专项维修资金，需要全体业主表决。',
    set: { plan: '物业出改造方案和报价（约8万元），使用专项维修资金，按民法典第278条由业主表决。' },
  });
  await comments(tx, bins, [
    { by: p[5], body: '支持，夏天真的太臭了。', at: ago(53) },
    {
      by: p[1],
      kind: 'question',
      body: '用维修资金要每家再交钱吗？',
      at: ago(52),
      answer: { body: '不用另外交钱，用的是各家买房时已经交的维修资金，按面积分摊，每户大约几百元。', at: ago(51) },
    },
  ]);
  await meeting(tx, bins, mod, {
    heldOn: day(ago(30)),
    place: '居委会活动室',
    attendees: '楼组长6人、居民代表8人、物业经理、居委会',
    attendeeCount: 16,
    minutes:
      '1. 物业介绍改造方案：加顶棚、洗手池、除臭喷淋，报价7.8万元。\n2. 大家同意用专项维修资金，按面积分摊。\n3. 决定由业主书面表决，楼组长上门发票、收票。',
    createdAt: ago(30),
  });
  const binsSpec: VoteSpec = {
    communityId: c,
    topicId: bins.id,
    title: '使用专项维修资金改造垃圾箱房',
    description: '改造垃圾箱房（加顶棚、洗手池、除臭设备），费用约7.8万元，从专项维修资金中按面积分摊。',
    kind: 'motion',
    electorate: 'owner',
    rule: 'civil_278',
    civilItem: 5,
    resultsShown: 'after_close',
    status: 'closed',
    opensAt: ago(17),
    closesAt: ago(3),
    createdBy: mod,
  };
  await runVote(tx, homes, bins, mod, {
    spec: binsSpec,
    // Owners of four units in five took part (not the developer); three in four of them agreed.
    ballots: (v) =>
      householdBallots(v, homes, p, mod, {
        takePart: (i, h) => !h.developerUnit && spread(i, 21) < 820,
        choose: (i) => {
          const r = spread(i, 22);
          return r < 780 ? 'yes' : r < 900 ? 'no' : 'abstain';
        },
        opensAt: ago(17),
        days: 14,
        paperEvery: 1,
        ownersOnly: true,
      }),
  });

  // 附议不足: 露天电影 — only one neighbour co-signed in 30 days.
  const cinema = await proposal(tx, {
    c,
    by: p[6],
    title: '周末在中心花园放露天电影',
    body: '夏天晚上大家都在楼下乘凉，想请居委会周末在中心花园放露天电影，放些老电影，大人小孩都能看。',
    place: '中心花园',
    created: ago(45),
  });
  await cosign(tx, cinema, [p[7]], ago(43), DAY);
  await move(tx, cinema, 'collecting', 'lapsed', 'system', null, ago(15), {
    note: `30天内附议不到${DEMO_COSIGN_THRESHOLD}户。`,
  });

  // 已合并 and 议事中: 加装电梯 in 3号楼 — a second proposal merged into the first.
  const lift = await proposal(tx, {
    c,
    by: p[2],
    title: '3号楼2单元加装电梯',
    body: '我家住3号楼2单元5楼，年纪大了，上下楼越来越吃力，单元里还有好几户老人。想请居委会帮忙牵头，给2单元加装电梯。',
    place: '3号楼2单元',
    created: ago(40),
  });
  await cosign(tx, lift, [p[0], p[3], p[5], p[6], p[7]], ago(39), HOUR * 18);
  await reachThreshold(tx, lift, ago(36));
  await move(tx, lift, 'reviewing', 'discussing', 'moderator', mod, ago(33), {
    note: '采纳。居委会联系设计单位出方案，开议事会商量费用，方案定了再请本单元业主投票。',
    set: { plan: '居委会联系设计单位出方案，开议事会商量费用分摊；方案定了以后，请本单元业主投票。' },
  });
  // 实施中: 清理楼道堆物 — the demo resident's proposal, carried out without a vote; two updates.
  const clutter = await proposal(tx, {
    c,
    by: p[0],
    title: '清理楼道堆物，保持通道畅通',
    body: '很多楼道里堆了旧家具、纸箱和自行车，晚上看不清容易摔跤，万一着火也跑不出去。建议组织一次大清理，以后定期检查。',
    place: '各楼栋楼道',
    created: ago(35),
  });
  await cosign(tx, clutter, [p[1], p[2], p[3], p[5], p[7]], ago(34), HOUR * 16);
  await reachThreshold(tx, clutter, ago(31));
  await move(tx, clutter, 'reviewing', 'discussing', 'moderator', mod, ago(29), {
    note: '采纳。先贴通知请各家自己搬走，再由物业和志愿者统一清理。',
    set: { plan: '先贴通知，请各家一周内自己搬走；到期后物业和志愿者统一清理，以后每月检查一次。' },
  });
  await comments(tx, clutter, [
    {
      by: p[3],
      kind: 'question',
      body: '楼道里的自行车也要搬走吗？放哪里？',
      at: ago(28),
      answer: { body: '自行车请放到东门车棚，车棚里已经腾出了位置。', at: ago(27) },
    },
    { by: p[5], body: '有的旧家具是老人舍不得扔的，清理前最好先上门说一声。', at: ago(26) },
    { official: true, body: '好的，楼组长会先上门和每一家打招呼，不会直接扔大家的东西。', at: ago(25) },
  ]);
  await move(tx, clutter, 'discussing', 'implementing', 'moderator', mod, ago(20), {
    note: '大家没有不同意见，不需要投票，开始清理。',
  });
  await progress(tx, clutter, mod, [
    { body: '物业和志愿者清理了1到3号楼的楼道，清出旧家具12件、纸箱一车。', on: ago(12) },
    { body: '4到6号楼清理完了，每栋楼的楼道口都贴了「楼道不堆物」提醒。下个月开始每月检查一次。', on: ago(4) },
  ]);

  const liftToo = await proposal(tx, {
    c,
    by: p[4],
    title: '3号楼1单元也想装电梯',
    body: '听说2单元要装电梯，我们1单元也有很多老人，希望一起考虑，两个单元一起装是不是能省点钱？',
    place: '3号楼1单元',
    created: ago(31),
  });
  await cosign(tx, liftToo, [p[1]], ago(30), DAY);
  await mergeInto(tx, liftToo, lift, mod, ago(28), [p[1]]);
  await comments(tx, lift, [
    { by: p[5], body: '支持！我们4号楼也有很多老人，希望3号楼装好了能给大家做个样子。', at: ago(32) },
    {
      by: p[4],
      kind: 'question',
      body: '低楼层的住户也要出钱吗？费用怎么分摊？',
      at: ago(27),
      answer: {
        body: '一般按楼层分摊，一楼不出钱，楼层越高出得越多，政府还有补贴。具体比例在议事会上请本单元的业主一起商量。',
        at: ago(26),
      },
    },
    {
      by: p[0],
      kind: 'question',
      body: '施工要多久？施工的时候还能走楼梯吗？',
      at: ago(25),
      answer: { body: '一般三到四个月。施工时会拉围挡，楼梯可以正常走。', at: ago(24) },
    },
    { by: p[7], body: '希望电梯能平层入户，不要停在半层。', at: ago(22) },
    { official: true, body: '设计单位下周二上午来3号楼现场测量，请在家的居民配合一下。', at: ago(21) },
  ]);
  await meeting(tx, lift, mod, {
    heldOn: day(ago(12)),
    place: '居委会活动室',
    attendees: '3号楼两个单元业主18户、设计单位、物业、居委会',
    attendeeCount: 23,
    minutes:
      '1. 设计单位介绍方案：电梯装在楼北侧，平层入户，两个单元各装一台。\n2. 费用初步按楼层分摊：二楼5%，三楼15%，四楼25%，五楼25%，六楼30%，一楼不出钱。\n3. 一楼住户担心挡光，设计单位会调整位置后再给大家看。\n4. 方案改好后，由两个单元的业主分别投票。',
    createdAt: ago(12),
  });

  // 投票中: 非机动车充电棚选址 — a household vote, results live, closes in three days.
  const shed = await proposal(tx, {
    c,
    by: p[5],
    title: '建一个非机动车充电棚',
    body: '很多人把电动车推进楼道充电，电线拖得到处都是，太危险了。建议建一个带充电桩的车棚，大家都到那里充电。',
    place: null,
    created: ago(25),
  });
  await cosign(tx, shed, [p[0], p[1], p[3], p[6], p[7]], ago(24), HOUR * 10);
  await reachThreshold(tx, shed, ago(22));
  await move(tx, shed, 'reviewing', 'discussing', 'moderator', mod, ago(20), {
    note: '采纳。居委会和物业选了三个地方，请大家投票选点位。',
    set: { plan: '居委会和物业初步选了三个地方，由各户投票选定点位，年底前建好。' },
  });
  await comments(tx, shed, [
    { by: p[3], body: '早就该建了，楼道里充电太吓人。', at: ago(19) },
    {
      by: p[7],
      kind: 'question',
      body: '充电要收费吗？',
      at: ago(18),
      answer: { body: '扫码充电，按实际用电收费，充满一次大约一元钱。', at: ago(17) },
    },
    { by: p[2], body: '别建在窗户底下，充电的时候有声音。', at: ago(10) },
  ]);
  const shedVote = await runVote(tx, homes, shed, mod, {
    spec: {
      communityId: c,
      topicId: shed.id,
      title: '非机动车充电棚建在哪里',
      description: '请每户选一个您觉得最合适的地方。过半数户参加、参加户过半数选中的地方就定下来。',
      kind: 'single',
      electorate: 'household',
      rule: 'residents_meeting',
      resultsShown: 'live',
      status: 'open',
      opensAt: ago(2),
      closesAt: new Date(now + 3 * DAY),
      createdBy: mod,
      options: ['东门自行车棚旁边', '5号楼北侧空地', '地下车库入口旁边'],
    },
    ballots: () => [],
  });
  await openVoteBallots(tx, shedVote.vote, {
    people: p,
    mod,
    homes,
    authorisationPic,
    ballotPic,
    at: (hoursAgo) => new Date(now - hoursAgo * HOUR),
  });

  // 未采纳: 把中心花园改成停车位 — declined with a public reason.
  const parking = await proposal(tx, {
    c,
    by: p[1],
    title: '把中心花园一部分改成停车位',
    body: '小区车越来越多，晚上回来根本找不到车位。中心花园北边那块空地可以改成十几个停车位。',
    place: '中心花园北侧',
    created: ago(22),
  });
  await cosign(tx, parking, [p[3], p[5], p[6], p[7], p[0]], ago(21), HOUR * 8);
  await reachThreshold(tx, parking, ago(19));
  const declined =
    '中心花园是小区的公共绿地，按规定不能改成停车位，议事厅里也有不少居民反对。停车难的问题，居委会正在和隔壁商场商量晚上共享车位，有进展会在这里告诉大家。';
  await move(tx, parking, 'reviewing', 'declined', 'moderator', mod, ago(17), {
    note: declined,
    set: { decision: declined },
  });

  // 等待居委审核: 中心花园增设健身器材 — reached five co-signs yesterday.
  const fitness = await proposal(tx, {
    c,
    by: p[6],
    title: '中心花园增设健身器材',
    body: '小区里只有两件健身器材，还坏了一件。早上锻炼的人很多，想在中心花园南边空地增设几件适合老年人的器材，比如太极推手、腿部按摩器。',
    place: '中心花园南侧',
    created: ago(9),
  });
  await cosign(tx, fitness, [p[0], p[1], p[4], p[5], p[7]], ago(8), DAY * 1.5);
  await reachThreshold(tx, fitness, ago(1.5));

  // 征集附议: 楼梯加装扶手 — two of five co-signs; the demo resident may co-sign.
  const rails = await proposal(tx, {
    c,
    by: p[1],
    title: '老楼楼梯加装扶手',
    body: '我们的楼没有电梯，楼梯只有一边有扶手，有几层的扶手还松了。老人上下楼很吃力，建议在楼梯靠墙一侧再装一排扶手，松的扶手一起修好。',
    place: '各楼栋楼梯',
    created: ago(3),
  });
  await cosign(tx, rails, [p[3], p[5]], ago(2), DAY);

  // 快速投票 (no topic): next month's activities, every resident one vote, open.
  const pollSpec: VoteSpec = {
    communityId: c,
    topicId: null,
    title: '下个月的社区活动，您想参加哪些？',
    description: '最多选两项，票数最多的两项下个月举办。',
    kind: 'multiple',
    maxChoices: 2,
    electorate: 'resident',
    rule: 'simple',
    resultsShown: 'live',
    status: 'open',
    opensAt: ago(1),
    closesAt: new Date(now + 6 * DAY),
    createdBy: mod,
    options: ['包饺子', '健康讲座', '智能手机课', '文艺演出'],
  };
  const poll = await insertVote(tx, pollSpec, homes);
  const pollPick: Record<number, number[]> = { 1: [0, 2], 2: [1], 5: [0, 1], 7: [2, 3] };
  await insertBallots(
    tx,
    poll.id,
    Object.entries(pollPick).map(([i, picks], k) => {
      const who = p[Number(i)];
      const elector = poll.electors.find((e) => e.userId === who.userId);
      if (!elector) throw new Error(`demo poll: ${who.nickname} is not an elector`);
      return {
        electorId: elector.id,
        optionIds: picks.map((o) => poll.options[o].id),
        channel: 'self' as const,
        castBy: who.userId,
        at: new Date(now - (20 - k * 4) * HOUR),
      };
    }),
  );
}

/** Replies shaped as shared/contracts/topics.ts and votes.ts allow (the client parses them with them). */

export function topicItem(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    communityId: 7,
    kind: 'proposal',
    title: `议题${id}`,
    place: null,
    stage: 'collecting',
    stageAt: '2026-11-20T02:00:00.000Z',
    authorLabel: '李阿姨 · 3号楼',
    byCommittee: false,
    mine: false,
    state: 'visible',
    heldReason: null,
    cosignNeeded: 10,
    cosignCount: 3,
    cosignUntil: '2026-12-10T16:00:00.000Z',
    cosignedByMyHousehold: false,
    commentCount: 2,
    ratingCount: 0,
    ratingAverage: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    excerpt: `第${id}个议题的开头`,
    images: [],
    vote: null,
    ...over,
  };
}

export function topicDetail(id: number, over: Record<string, unknown> = {}) {
  const { excerpt: _e, ...base } = topicItem(id);
  return {
    ...base,
    body: '楼下电动车没地方充电，有人从楼上拉电线，很危险。',
    plan: null,
    decision: null,
    mergedInto: null,
    mergedFrom: [],
    pastVotes: [],
    resultNoticeId: null,
    meetings: [],
    updates: [],
    ratingUntil: null,
    myRating: null,
    canCosign: true,
    canComment: true,
    canRate: false,
    timeline: [
      {
        kind: 'stage',
        fromStage: null,
        toStage: 'collecting',
        actorLabel: '提议人',
        note: null,
        refId: null,
        at: '2026-11-20T02:00:00.000Z',
      },
    ],
    ...over,
  };
}

export function topicComment(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    topicId: 11,
    kind: 'comment',
    authorLabel: `邻居${id}`,
    mine: false,
    isOfficial: false,
    body: `发言${id}`,
    state: 'visible',
    heldReason: null,
    createdAt: '2026-11-21T03:00:00.000Z',
    answers: [],
    ...over,
  };
}

export const emptyRatings = { average: null, count: 0, distribution: [0, 0, 0, 0, 0], items: [], nextBefore: null };

const ratio = (num: number, den: number) => ({ num, den });

export function tally(over: Record<string, unknown> = {}) {
  return {
    rule: 'residents_meeting',
    electors: { count: 100, heads: 100, areaCenti: 0 },
    participated: { count: 60, heads: 60, areaCenti: 0 },
    silent: { count: 0, heads: 0, areaCenti: 0 },
    byChannel: { self: 50, proxy: 6, paper: 4 },
    participation: [
      {
        key: 'participation_heads',
        label: '参加户数过半数',
        value: ratio(60, 100),
        required: ratio(1, 2),
        strict: true,
        met: true,
      },
    ],
    participationMet: true,
    options: [
      {
        optionId: 1,
        label: '赞成',
        motionRole: 'yes',
        ballots: 40,
        heads: 40,
        areaCenti: 0,
        silentHeads: 0,
        silentAreaCenti: 0,
        approval: [
          {
            key: 'approval_ballots',
            label: '同意的户数超过参加户数的一半',
            value: ratio(40, 60),
            required: ratio(1, 2),
            strict: true,
            met: true,
          },
        ],
        approved: true,
      },
      {
        optionId: 2,
        label: '反对',
        motionRole: 'no',
        ballots: 15,
        heads: 15,
        areaCenti: 0,
        silentHeads: 0,
        silentAreaCenti: 0,
        approval: [],
        approved: false,
      },
      {
        optionId: 3,
        label: '弃权',
        motionRole: 'abstain',
        ballots: 5,
        heads: 5,
        areaCenti: 0,
        silentHeads: 0,
        silentAreaCenti: 0,
        approval: [],
        approved: false,
      },
    ],
    winners: [1],
    outcome: 'passed',
    byBuilding: [{ buildingId: 3, ballots: 12, options: [{ optionId: 1, ballots: 9 }] }],
    ...over,
  };
}

const motionOptions = [
  { id: 1, label: '赞成', motionRole: 'yes' },
  { id: 2, label: '反对', motionRole: 'no' },
  { id: 3, label: '弃权', motionRole: 'abstain' },
];

export function voteDetail(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    communityId: 7,
    topicId: null,
    title: `投票${id}`,
    kind: 'single',
    maxChoices: 1,
    electorate: 'household',
    rule: 'simple',
    status: 'open',
    opensAt: '2026-12-01T00:00:00.000Z',
    closesAt: '2026-12-08T10:00:00.000Z',
    closedAt: null,
    turnout: { ballots: 12, electors: 80 },
    description: '请选一个充电桩的位置',
    topicTitle: null,
    options: [
      { id: 1, label: '5号楼北面', motionRole: null },
      { id: 2, label: '自行车棚', motionRole: null },
      { id: 3, label: '东门旁', motionRole: null },
    ],
    quorumPercent: null,
    civilItem: null,
    buildings: null,
    resultsShown: 'after_close',
    anonymous: false,
    proxyCap: 1,
    silentMajority: false,
    silentMajorityBasis: null,
    ruleText: ['得票最多的选项当选'],
    ineligibleReason: null,
    myBallot: null,
    proxyFor: [],
    myProxy: null,
    result: null,
    groupHouseholds: null,
    resultNoticeId: null,
    ...over,
  };
}

export const motion = { kind: 'motion', options: motionOptions };

export function ballot(optionIds: number[], over: Record<string, unknown> = {}) {
  return {
    electorId: 500,
    optionIds,
    channel: 'self',
    version: 1,
    updatedAt: '2026-12-02T02:30:00.000Z',
    ...over,
  };
}

export function resultPage(id: number) {
  return {
    vote: voteDetail(id, {
      ...motion,
      rule: 'residents_meeting',
      status: 'closed',
      closedAt: '2026-12-08T10:00:00.000Z',
      ruleText: ['参加的户数要过半数', '参加户中同意的要过半数'],
      result: tally(),
    }),
    communityName: '梅园居委会',
    buildingNames: { '3': '3号楼' },
    outcomeText: '通过',
  };
}

export function houseRules(over: Record<string, unknown> = {}) {
  return {
    current: {
      id: 1,
      version: 2,
      title: '梅园小区住户守则',
      body: '第一条 爱护公共设施。\n第二条 不在楼道堆放杂物。',
      adoptedAt: '2026-03-01T02:00:00.000Z',
      topicId: 4,
      voteId: 9,
      figures: { rule: '居民会议', electors: 320, participated: 210, approved: 180 },
    },
    history: [
      { id: 1, version: 2, adoptedAt: '2026-03-01T02:00:00.000Z' },
      { id: 0 + 2, version: 1, adoptedAt: '2024-05-01T02:00:00.000Z' },
    ],
    pendingTopicId: 15,
    ...over,
  };
}

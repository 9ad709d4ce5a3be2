import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { DEMO_RESIDENT_CODE } from '../../shared/contracts/health';
import type { OfficeHours } from '../../shared/domain/office-hours';
import type { AppDeps, Tx } from '../deps';
import { tellDecision } from '../features/memberships/messages';
import { type ProcessedFile, processUpload } from '../platform/files';
import { hashPassword } from '../security/crypto';
import { localOpenid } from '../wechat/local';
import {
  buildings,
  communities,
  communityStaff,
  districts,
  households,
  invitationCodes,
  memberships,
  noticeBuildings,
  noticeSignups,
  notices,
  noticeUploads,
  streets,
  uploads,
  users,
} from './schema';
import { agoraPictures, seedAgora } from './seed-agora';
import { type BoardNeighbour, boardNeighbours, seedBoard, seedHandler } from './seed-board';
import { seedNeighbours } from './seed-neighbours';
import { type RentalSeedInput, rentalPictures, seedRentals } from './seed-rentals';

/** The wx.login code the H5 demo's "示范居民" button sends; the local adapter maps it to the seeded resident. */
export { DEMO_RESIDENT_CODE } from '../../shared/contracts/health';

/** Office hours shapes of the demo (also used by the bench's seed). */
export const weekdays: OfficeHours = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    periods: [
      { start: '08:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
  })),
  exceptions: [
    { date: '2026-10-01', periods: [], note: '国庆节休息' },
    { date: '2026-10-02', periods: [], note: '国庆节休息' },
    { date: '2026-10-11', periods: [{ start: '09:00', end: '16:00' }], note: '调休上班' },
    { date: '2027-01-01', periods: [], note: '元旦休息' },
  ],
};

export const saturdayToo: OfficeHours = {
  ...weekdays,
  weekly: [...weekdays.weekly, { weekday: 6, periods: [{ start: '09:00', end: '11:30' }] }],
};

/** Fictional places and people; coordinates are plausible for a Shanghai suburb, nothing more. */
const demo = [
  {
    street: '临江路街道',
    name: '梧桐里居委会',
    address: '临江路街道梧桐路188弄1号',
    phone: '021-5555-0101',
    lat: 31.2412,
    lng: 121.4983,
    hours: saturdayToo,
    intro:
      '梧桐里小区建于1998年，共6栋楼。居委会负责居民登记、邻里调解、为老服务和社区活动。有事可以来办公室，也可以在这里留言。',
    moderator: { username: 'wutong', displayName: '梧桐里居委 周敏' },
    staff: [
      { name: '周敏', title: '居委会书记', publicPhone: null, dutyWeekdays: [1, 2, 3, 4, 5] },
      { name: '吴海峰', title: '居委会主任', publicPhone: '021-5555-0102', dutyWeekdays: [1, 3, 5, 6] },
      { name: '孙丽', title: '社工（为老服务）', publicPhone: null, dutyWeekdays: [2, 4, 6] },
    ],
    buildings: 6,
  },
  {
    street: '临江路街道',
    name: '晨光苑居委会',
    address: '临江路街道晨光路66号',
    phone: '021-5555-0201',
    lat: 31.2468,
    lng: 121.5072,
    hours: weekdays,
    intro: '晨光苑是2005年建成的商品房小区，有4栋高层。居委会和物业在同一栋楼办公。',
    moderator: { username: 'chenguang', displayName: '晨光苑居委 郑磊' },
    staff: [
      { name: '郑磊', title: '居委会主任', publicPhone: '021-5555-0202', dutyWeekdays: [1, 2, 3, 4, 5] },
      { name: '冯佳', title: '社工', publicPhone: null, dutyWeekdays: [1, 2, 3, 4, 5] },
    ],
    buildings: 4,
  },
  {
    street: '桂香镇',
    name: '枫林新村居委会',
    address: '桂香镇枫林路520弄',
    phone: '021-5555-0301',
    lat: 31.1987,
    lng: 121.4415,
    hours: weekdays,
    intro: '枫林新村是老公房小区，老年居民多。居委会每周三上午有助老服务。',
    moderator: { username: 'fenglin', displayName: '枫林新村居委 何静' },
    staff: [{ name: '何静', title: '居委会书记', publicPhone: null, dutyWeekdays: [1, 2, 3, 4, 5] }],
    buildings: 5,
  },
  {
    street: '桂香镇',
    name: '望江村村委会',
    address: '桂香镇望江村村部',
    phone: '021-5555-0401',
    lat: 31.1702,
    lng: 121.4123,
    hours: weekdays,
    intro: '望江村有8个村民小组。村委会办理村务、农技服务和为老服务。',
    moderator: { username: 'wangjiang', displayName: '望江村委 许强' },
    staff: [{ name: '许强', title: '村委会主任', publicPhone: '021-5555-0402', dutyWeekdays: [1, 2, 3, 4, 5] }],
    buildings: 3,
  },
];

const residents = [
  { name: '王秀英', phone: '13800000001', building: 0, unit: '1单元', room: '302', status: 'approved', demo: true },
  { name: '李建国', phone: '13800000002', building: 1, unit: '1单元', room: '101', status: 'approved' },
  { name: '张桂兰', phone: null, building: 2, unit: '2单元', room: '502', status: 'approved' },
  { name: '陈志明', phone: '13800000004', building: 3, unit: '1单元', room: '201', status: 'pending' },
  { name: '刘美华', phone: null, building: 4, unit: '2单元', room: '601', status: 'pending' },
] as const;

export const DEMO_PASSWORD = 'shequyun-demo';
export const DEMO_ADMIN = { username: 'admin', password: 'shequyun-admin' };

export interface DemoCredentials {
  credentials: Array<{ role: string; username: string; password: string; community?: string }>;
}

/** Seeds the demo district on first run; does nothing when any district exists. */
export async function seedDemo(deps: AppDeps): Promise<DemoCredentials | null> {
  const db = deps.database.db;
  const [existing] = await db.select({ n: count() }).from(districts);
  if ((existing?.n ?? 0) > 0) return null;
  const moderatorHash = await hashPassword(DEMO_PASSWORD);
  const adminHash = await hashPassword(DEMO_ADMIN.password);
  const { encrypt } = deps.cipher;
  const credentials: DemoCredentials['credentials'] = [{ role: 'admin', ...DEMO_ADMIN }];

  // Drawn and re-encoded like any upload before the transaction (sharp is slow-ish).
  const [pictures, agoraPics, rentalPics] = await Promise.all(
    [demoPictures(), agoraPictures(), rentalPictures()].map((svgs) =>
      Promise.all(svgs.map(async (svg) => processUpload(await sharp(Buffer.from(svg)).png().toBuffer()))),
    ),
  );

  await db.transaction(async (tx) => {
    const [district] = await tx.insert(districts).values({ name: '东滨区' }).returning();
    const streetIds = new Map<string, number>();
    for (const name of ['临江路街道', '桂香镇']) {
      const [s] = await tx.insert(streets).values({ districtId: district.id, name }).returning();
      streetIds.set(name, s.id);
    }
    // The 社区租赁 of the first community, seeded once the street's other community exists.
    let rentals: Omit<RentalSeedInput, 'alsoServes'> | null = null;
    const sameStreet: number[] = [];
    const [admin] = await tx
      .insert(users)
      .values({ username: DEMO_ADMIN.username, passwordHash: adminHash, nickname: '街道管理员', isAdmin: true })
      .returning();

    for (const [index, c] of demo.entries()) {
      const [community] = await tx
        .insert(communities)
        .values({
          streetId: streetIds.get(c.street) as number,
          name: c.name,
          address: c.address,
          phone: c.phone,
          lat: c.lat,
          lng: c.lng,
          officeHours: c.hours,
          intro: c.intro,
        })
        .returning();
      if (index > 0 && c.street === demo[0].street) sameStreet.push(community.id);
      await tx.insert(communityStaff).values(c.staff.map((s, sort) => ({ ...s, communityId: community.id, sort })));
      const householdIds: number[][] = [];
      const buildingIds: number[] = [];
      const householdByKey = new Map<string, number>();
      for (let b = 1; b <= c.buildings; b++) {
        const [building] = await tx
          .insert(buildings)
          .values({ communityId: community.id, name: `${b}号楼`, sort: b })
          .returning();
        buildingIds.push(building.id);
        const rows = [];
        for (const unit of ['1单元', '2单元']) {
          for (let floor = 1; floor <= 6; floor++) {
            for (const door of [1, 2]) {
              rows.push({
                communityId: community.id,
                buildingId: building.id,
                unit,
                room: `${floor}0${door}`,
                floorArea: 52 + ((b * 7 + floor * 5 + door * 11) % 60) + 0.5 * door,
              });
            }
          }
        }
        const inserted = await tx
          .insert(households)
          .values(rows)
          .returning({ id: households.id, unit: households.unit, room: households.room });
        householdIds.push(inserted.map((h) => h.id));
        for (const h of inserted) householdByKey.set(`${b - 1}|${h.unit}|${h.room}`, h.id);
      }
      const [moderator] = await tx
        .insert(users)
        .values({ username: c.moderator.username, passwordHash: moderatorHash, nickname: c.moderator.displayName })
        .returning();
      await tx.insert(memberships).values({
        communityId: community.id,
        userId: moderator.id,
        role: 'moderator',
        status: 'approved',
        decidedBy: admin.id,
        decidedAt: new Date(),
      });
      credentials.push({
        role: 'moderator',
        username: c.moderator.username,
        password: DEMO_PASSWORD,
        community: c.name,
      });

      if (index !== 0) continue;
      // Residents of the first community, one of them the H5 demo resident.
      const signers: Array<{ userId: number; householdId: number }> = [];
      const people: BoardNeighbour[] = [];
      for (const [i, r] of residents.entries()) {
        const [user] = await tx
          .insert(users)
          .values({
            openid: 'demo' in r && r.demo ? localOpenid(DEMO_RESIDENT_CODE) : localOpenid(`seed-resident-${i}`),
            nickname: r.name.slice(0, 1) + (i % 2 ? '阿姨' : '师傅'),
          })
          .returning();
        const householdId = householdByKey.get(`${r.building}|${r.unit}|${r.room}`);
        const decidedAt = new Date();
        const [membership] = await tx
          .insert(memberships)
          .values({
            communityId: community.id,
            userId: user.id,
            householdId,
            role: 'resident',
            status: r.status,
            realNameEnc: encrypt(r.name),
            phoneEnc: r.phone ? encrypt(r.phone) : null,
            decidedBy: r.status === 'approved' ? moderator.id : null,
            decidedAt: r.status === 'approved' ? decidedAt : null,
          })
          .returning({ id: memberships.id });
        // Approved residents other than the demo one have signed up to the 活动 (the demo resident may try).
        if (r.status === 'approved' && !('demo' in r && r.demo) && householdId)
          signers.push({ userId: user.id, householdId });
        if (r.status === 'approved' && householdId) people.push(neighbour(user, householdId, r));
        // The demo resident's 消息 holds the welcome every approved resident gets.
        if ('demo' in r && r.demo && r.status === 'approved') {
          await tellDecision(tx, {
            membershipId: membership.id,
            userId: user.id,
            communityId: community.id,
            communityName: community.name,
            status: 'approved',
            reason: null,
            decidedAt,
          });
        }
      }
      await tx.insert(invitationCodes).values({
        communityId: community.id,
        householdId: householdIds[2][5],
        code: 'WUTONG88',
        maxUses: 5,
        expiresAt: new Date(Date.now() + 365 * 86_400_000),
        createdBy: moderator.id,
      });
      // More neighbours for the board (approved, without phones; not signed up to the 活动).
      for (const [i, r] of boardNeighbours.entries()) {
        const [user] = await tx
          .insert(users)
          .values({ openid: localOpenid(`seed-neighbour-${i}`), nickname: r.nickname })
          .returning();
        const householdId = householdByKey.get(`${r.building}|${r.unit}|${r.room}`) as number;
        await tx.insert(memberships).values({
          communityId: community.id,
          userId: user.id,
          householdId,
          role: 'resident',
          status: 'approved',
          realNameEnc: encrypt(r.name),
          decidedBy: moderator.id,
          decidedAt: new Date(),
        });
        people.push(neighbour(user, householdId, r));
      }
      const handlerId = await seedHandler(tx, {
        communityId: community.id,
        passwordHash: moderatorHash,
        decidedBy: admin.id,
      });
      credentials.push({ role: 'handler', username: 'wuye', password: DEMO_PASSWORD, community: c.name });
      await seedNotices(tx, { communityId: community.id, authorId: moderator.id, buildingIds, signers });
      await seedBoard(tx, { communityId: community.id, moderatorId: moderator.id, handlerId, people });
      await seedNoticePictures(deps, tx, { communityId: community.id, uploadedBy: moderator.id, pictures });
      await seedAgora(deps, tx, { communityId: community.id, moderatorId: moderator.id, people, pictures: agoraPics });
      rentals = { communityId: community.id, moderatorId: moderator.id, people, pictures: rentalPics };
      await seedNeighbours(deps, tx, { communityId: community.id, moderatorId: moderator.id, people });
    }
    if (rentals) await seedRentals(deps, tx, { ...rentals, alsoServes: sameStreet });
  });
  return { credentials };
}

const HOUR = 3_600_000;

function neighbour(
  user: { id: number; nickname: string | null },
  householdId: number,
  r: { building: number; room: string },
): BoardNeighbour {
  return {
    userId: user.id,
    householdId,
    nickname: user.nickname ?? '邻居',
    building: `${r.building + 1}号楼`,
    room: r.room,
  };
}

/** 通知公告 of the demo community: an urgent pinned one, an 活动, one for 1号楼 only, a 公示. */
async function seedNotices(
  tx: Tx,
  at: {
    communityId: number;
    authorId: number;
    buildingIds: number[];
    /** Households already signed up to the 活动. */
    signers: Array<{ userId: number; householdId: number }>;
  },
) {
  const now = Date.now();
  const published = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
  const rows = await tx
    .insert(notices)
    .values(
      [
        {
          title: '紧急：今晚22点起小区停水',
          body: '因市政管道抢修，今晚22点到明早6点全小区停水。\n请提前储水，家中有老人的请邻居帮忙照看。\n有问题请打居委会电话 021-62345678。',
          category: 'urgent' as const,
          isPublic: true,
          pinnedUntil: new Date(now + 2 * 24 * HOUR),
          publishedAt: published(2),
          expiresAt: new Date(now + 24 * HOUR),
        },
        {
          title: '重阳节敬老茶话会',
          body: '本周六下午2点在居委会活动室举办重阳节茶话会，欢迎70岁以上的老人参加。\n有水果、点心和文艺表演。',
          category: 'event' as const,
          isPublic: false,
          publishedAt: published(20),
          // 活动报名: 30 places, until a week from now, up to 2 people per household.
          signupCapacity: 30,
          signupDeadline: new Date(now + 7 * 24 * HOUR),
          signupMaxPeople: 2,
        },
        {
          title: '1号楼电梯年检',
          body: '1号楼电梯下周二上午9点到11点年检，期间暂停使用。\n行动不便的居民如需帮助，请提前联系楼组长。',
          category: 'reminder' as const,
          isPublic: false,
          audience: 'buildings' as const,
          publishedAt: published(30),
        },
        {
          title: '公示：小区绿化改造方案',
          body: '小区绿化改造方案已经确定，公示7天。\n如有意见，请在公示期内到居委会办公室反映。',
          category: 'publicity' as const,
          isPublic: true,
          publishedAt: published(72),
        },
      ].map((n) => ({ ...n, communityId: at.communityId, authorId: at.authorId, status: 'published' as const })),
    )
    .returning({ id: notices.id, audience: notices.audience, capacity: notices.signupCapacity });
  const forOne = rows.find((r) => r.audience === 'buildings');
  if (forOne) await tx.insert(noticeBuildings).values({ noticeId: forOne.id, buildingId: at.buildingIds[0] });
  const event = rows.find((r) => r.capacity !== null);
  if (event && at.signers.length > 0)
    await tx.insert(noticeSignups).values(
      at.signers.map((s, i) => {
        const signedAt = published(18 - i * 3);
        return {
          noticeId: event.id,
          communityId: at.communityId,
          userId: s.userId,
          householdId: s.householdId,
          people: i === 0 ? 2 : 1,
          status: 'confirmed' as const,
          createdAt: signedAt,
          confirmedAt: signedAt,
        };
      }),
    );
}

/** Two plan drawings for the 公示 (shapes only: no fonts needed to draw them). */
function demoPictures(): string[] {
  const tree = (x: number, y: number, r: number) =>
    `<circle cx="${x}" cy="${y}" r="${r}" fill="#2e7d32"/><circle cx="${x - r / 3}" cy="${y - r / 3}" r="${r / 2.5}" fill="#66bb6a"/>`;
  const trees = Array.from({ length: 14 }, (_, i) => tree(90 + (i % 7) * 110, 120 + Math.floor(i / 7) * 380, 34)).join(
    '',
  );
  const plan = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="640"><rect width="900" height="640" fill="#f1f8e9"/>
    <rect x="40" y="220" width="820" height="200" fill="#cfd8dc"/><rect x="60" y="250" width="180" height="140" fill="#8d6e63"/>
    <rect x="660" y="250" width="180" height="140" fill="#8d6e63"/><rect x="330" y="270" width="240" height="100" rx="50" fill="#81d4fa"/>${trees}</svg>`;
  const beds = Array.from(
    { length: 6 },
    (_, i) =>
      `<rect x="${60 + (i % 3) * 280}" y="${80 + Math.floor(i / 3) * 260}" width="220" height="180" rx="24" fill="${['#a5d6a7', '#fff59d', '#ffcc80'][i % 3]}"/>`,
  ).join('');
  const beds2 = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect width="900" height="600" fill="#fafafa"/>${beds}<path d="M0 300 H900" stroke="#9e9e9e" stroke-width="24"/></svg>`;
  return [plan, beds2];
}

/** Stores the drawings as the 公示's pictures, as an upload through the API would be stored. */
async function seedNoticePictures(
  deps: AppDeps,
  tx: Tx,
  at: { communityId: number; uploadedBy: number; pictures: ProcessedFile[] },
) {
  const [notice] = await tx
    .select({ id: notices.id, isPublic: notices.isPublic })
    .from(notices)
    .where(and(eq(notices.communityId, at.communityId), eq(notices.category, 'publicity')));
  if (!notice) return;
  const now = new Date();
  for (const [position, file] of at.pictures.entries()) {
    const fileKey = await deps.files.store.put(file.file);
    const thumbKey = file.thumb ? await deps.files.store.put(file.thumb) : null;
    const [row] = await tx
      .insert(uploads)
      .values({
        communityId: at.communityId,
        uploadedBy: at.uploadedBy,
        kind: file.kind,
        fileKey,
        thumbKey,
        name: `绿化改造方案${position + 1}.jpg`,
        byteSize: file.file.length,
        width: file.width,
        height: file.height,
        isPublic: notice.isPublic,
        createdAt: now,
        attachedAt: now,
      })
      .returning({ id: uploads.id });
    await tx.insert(noticeUploads).values({ noticeId: notice.id, uploadId: row.id, position });
  }
}

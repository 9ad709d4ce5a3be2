/**
 * 通知公告: who sees which notice (audience by building, public or members-only), reads once
 * per user and counted per household, the committee's read figures, withdraw and expiry,
 * validation and paging.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildings, households, noticeReads, uploads } from '../../server/db/schema';
import { noticeDetail, noticeListReply, noticeReadsReply } from '../../shared/contracts/notices';
import { useTestApp } from '../helpers/app';
import { auditRows, type CommunityFixture, createCommunity, resident, staff, wechatUser } from '../helpers/fixtures';

const t = useTestApp();
let a: CommunityFixture;
let b3: { id: number; householdIds: number[] };
let b5: { id: number; householdIds: number[] };
let mod: string;
let modB: string;
/** Two members of household 3-101 (the first with a second device), one of 3-102, one of 5-101. */
let r3: { token: string; userId: number; code: string };
let r3Spouse: { token: string; userId: number };
let r3Neighbour: { token: string; userId: number };
let r5: { token: string; userId: number };
let outsider: { token: string; userId: number };

async function building(name: string, rooms: string[]) {
  const [row] = await t.app.database.db.insert(buildings).values({ communityId: a.id, name }).returning();
  const hs = await t.app.database.db
    .insert(households)
    .values(rooms.map((room) => ({ communityId: a.id, buildingId: row.id, unit: '1单元', room })))
    .returning({ id: households.id });
  return { id: row.id, householdIds: hs.map((h) => h.id) };
}

const base = (path = '') => `/api/committees/${a.id}/notices${path}`;

interface Draft {
  title?: string;
  body?: string;
  category?: string;
  isPublic?: boolean;
  audience?: 'all' | 'buildings';
  buildingIds?: number[];
  pinnedUntil?: string | null;
  expiresAt?: string | null;
}

async function publish(draft: Draft = {}) {
  const created = await t.app.call('POST', base(), {
    token: mod,
    body: {
      title: '停水通知',
      body: '明天上午9点到12点停水。',
      category: 'notice',
      isPublic: false,
      audience: 'all',
      ...draft,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.app.call('POST', base(`/${created.body.id}/publish`), { token: mod });
  expect(published.status).toBe(200);
  return created.body.id as number;
}

const open = (id: number, token?: string | null) => t.app.call('GET', base(`/${id}`), { token });
const ids = (body: { items: Array<{ id: number }> }) => body.items.map((n) => n.id);

beforeAll(async () => {
  a = await createCommunity(t.app, '通知甲社区');
  const other = await createCommunity(t.app, '通知乙社区');
  b3 = await building('3号楼', ['101', '102', '201']);
  b5 = await building('5号楼', ['101']);
  mod = (await staff(t.app, { community: a })).token;
  modB = (await staff(t.app, { community: other })).token;
  r3 = await resident(t.app, { ...a, householdIds: b3.householdIds }, 0);
  r3Spouse = await resident(t.app, { ...a, householdIds: b3.householdIds }, 0);
  r3Neighbour = await resident(t.app, { ...a, householdIds: b3.householdIds }, 1);
  r5 = await resident(t.app, { ...a, householdIds: b5.householdIds }, 0);
  outsider = await wechatUser(t.app, 'outsider');
});

describe('who sees what', () => {
  let forB3: number;
  let publicOne: number;
  beforeAll(async () => {
    forB3 = await publish({ title: '3号楼电梯检修', audience: 'buildings', buildingIds: [b3.id] });
    publicOne = await publish({ title: '公示：绿化改造方案', category: 'publicity', isPublic: true });
  });

  it('shows a building-3 notice to building 3, not to building 5', async () => {
    const list3 = await t.app.call('GET', base(), { token: r3.token });
    expect(list3.status).toBe(200);
    noticeListReply.parse(list3.body);
    expect(ids(list3.body)).toEqual(expect.arrayContaining([forB3, publicOne]));
    const list5 = await t.app.call('GET', base(), { token: r5.token });
    expect(ids(list5.body)).not.toContain(forB3);
    expect(ids(list5.body)).toContain(publicOne);
    expect((await open(forB3, r5.token)).status).toBe(404);
    expect((await open(forB3, r3Neighbour.token)).status).toBe(200);
  });

  it('shows every notice to the committee; another committee gets 404', async () => {
    const list = await t.app.call('GET', base(), { token: mod });
    expect(ids(list.body)).toEqual(expect.arrayContaining([forB3, publicOne]));
    expect((await open(forB3, mod)).status).toBe(200);
    expect((await open(forB3, modB)).status).toBe(404);
    expect(ids((await t.app.call('GET', base(), { token: modB })).body)).not.toContain(forB3);
  });

  it('shows anyone the public ones only, and tells a non-member how to see the rest', async () => {
    const list = await t.app.call('GET', base());
    expect(list.status).toBe(200);
    expect(ids(list.body)).toContain(publicOne);
    expect(ids(list.body)).not.toContain(forB3);
    expect(list.body.unreadCount).toBeNull();
    const pub = await open(publicOne, null);
    expect(pub.status).toBe(200);
    expect(noticeDetail.parse(pub.body).body).toContain('停水');
    for (const token of [null, outsider.token]) {
      const refused = await open(forB3, token);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'NOTICE_MEMBERS_ONLY',
        message: '加入本社区后可查看',
        details: { communityId: a.id, communityName: '通知甲社区' },
      });
    }
  });

  it('keeps drafts and other communities’ notices out of sight', async () => {
    const draft = await t.app.call('POST', base(), {
      token: mod,
      body: { title: '还没发', body: '草稿', category: 'notice', isPublic: true, audience: 'all' },
    });
    expect((await open(draft.body.id, r3.token)).status).toBe(404);
    expect((await open(draft.body.id, null)).status).toBe(404);
    expect(ids((await t.app.call('GET', base(), { token: mod })).body)).not.toContain(draft.body.id);
    const elsewhere = await t.app.call('GET', `/api/committees/999999/notices/${forB3}`);
    expect(elsewhere.status).toBe(404);
  });
});

describe('reads', () => {
  it('counts two devices of one user once and two members of one household as one household', async () => {
    const id = await publish({ title: '3号楼水箱清洗', audience: 'buildings', buildingIds: [b3.id] });
    const device2 = (await t.app.call('POST', '/api/auth/wechat', { body: { code: r3.code } })).body.token;
    expect((await open(id, r3.token)).status).toBe(200);
    expect((await open(id, device2)).status).toBe(200);
    expect((await open(id, r3Spouse.token)).status).toBe(200);
    const rows = await t.app.database.db.select().from(noticeReads).where(eq(noticeReads.noticeId, id));
    expect(rows.map((r) => r.userId).sort()).toEqual([r3.userId, r3Spouse.userId].sort());

    const figures = await t.app.call('GET', base(`/${id}/reads`), { token: mod });
    expect(figures.status).toBe(200);
    noticeReadsReply.parse(figures.body);
    // Building 3 has three rooms, two of them with an approved member; one of those has read it.
    expect(figures.body.overall).toEqual({ read: 1, total: 2 });
    expect(figures.body.buildings).toEqual([{ buildingId: b3.id, buildingName: '3号楼', read: 1, total: 2 }]);
    expect(figures.body.unreadHouseholds).toEqual([
      { id: b3.householdIds[1], buildingId: b3.id, buildingName: '3号楼', unit: '1单元', room: '102' },
    ]);
  });

  it('gives figures by building for a notice to everyone', async () => {
    const id = await publish({ title: '全社区消防演练', category: 'event' });
    await open(id, r5.token);
    await open(id, mod); // staff have no household: not counted
    const figures = await t.app.call('GET', base(`/${id}/reads`), { token: mod });
    expect(figures.body.overall).toEqual({ read: 1, total: 3 });
    const byName = Object.fromEntries(
      figures.body.buildings.map((x: { buildingName: string; read: number; total: number }) => [x.buildingName, x]),
    );
    expect(byName['3号楼']).toMatchObject({ read: 0, total: 2 });
    expect(byName['5号楼']).toMatchObject({ read: 1, total: 1 });
    expect((await t.app.call('GET', base(`/${id}/reads`), { token: modB })).status).toBe(404);
    expect((await t.app.call('GET', base(`/${id}/reads`), { token: r5.token })).status).toBe(403);
  });

  it('records 20 concurrent opens as one read', async () => {
    const id = await publish({ title: '并发打开' });
    const replies = await Promise.all(Array.from({ length: 20 }, () => open(id, r5.token)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const rows = await t.app.database.db.select().from(noticeReads).where(eq(noticeReads.noticeId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0].householdId).toBe(b5.householdIds[0]);
  });

  it('shows an unread flag per item and the unread count', async () => {
    const user = await resident(t.app, { ...a, householdIds: b5.householdIds }, 0);
    const before = await t.app.call('GET', base(), { token: user.token });
    const other = await publish({ title: '未读测试（另一条）' });
    const id = await publish({ title: '未读测试' });
    const after = await t.app.call('GET', base(), { token: user.token });
    expect(after.body.unreadCount).toBe(before.body.unreadCount + 2);
    expect(after.body.items.find((n: { id: number }) => n.id === id).unread).toBe(true);
    // Reads of other people and other notices (many rows, ids unrelated) do not count as this user's.
    for (const reader of [r3, r3Spouse, r5]) await open(other, reader.token);
    await open(id, user.token);
    const read = await t.app.call('GET', base(), { token: user.token });
    expect(read.body.unreadCount).toBe(before.body.unreadCount + 1);
    const flags = new Map(read.body.items.map((n: { id: number; unread: boolean }) => [n.id, n.unread]));
    expect(flags.get(id)).toBe(false);
    expect(flags.get(other)).toBe(true);
    // Every flag agrees with the read rows.
    const mine = await t.app.database.db.select().from(noticeReads).where(eq(noticeReads.userId, user.userId));
    for (const [noticeId, unread] of flags) expect(unread).toBe(!mine.some((r) => r.noticeId === noticeId));
  });
});

describe('withdraw and expiry', () => {
  it('leaves a tombstone with the reason and drops it from the list', async () => {
    const id = await publish({ title: '写错了的通知' });
    const withdrawn = await t.app.call('POST', base(`/${id}/withdraw`), { token: mod, body: { reason: '时间写错了' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawReason: '时间写错了' });
    const tomb = await open(id, r3.token);
    expect(tomb.status).toBe(200);
    expect(tomb.body).toMatchObject({ status: 'withdrawn', body: null, withdrawReason: '时间写错了' });
    expect(ids((await t.app.call('GET', base(), { token: r3.token })).body)).not.toContain(id);
    const again = await t.app.call('POST', base(`/${id}/withdraw`), { token: mod, body: { reason: '再撤' } });
    expect(again.status).toBe(409);
    const rows = await auditRows(t.app, 'notice.withdraw', id);
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toEqual({ status: 'withdrawn', reason: '时间写错了' });
  });

  it('marks an expired notice 已过期 and keeps it out of the unread count', async () => {
    const expiresAt = new Date(t.app.clock().getTime() + 3_600_000).toISOString();
    const id = await publish({ title: '一小时后过期', expiresAt });
    expect((await open(id, null)).status).toBe(403);
    const fresh = await t.app.call('GET', base(), { token: r3Neighbour.token });
    expect(fresh.body.items.find((n: { id: number }) => n.id === id).expired).toBe(false);
    t.app.clock.advance(2 * 3_600_000);
    const detail = await open(id, r5.token);
    expect(detail.body.expired).toBe(true);
    const later = await t.app.call('GET', base(), { token: r3Neighbour.token });
    expect(later.body.items.find((n: { id: number }) => n.id === id).expired).toBe(true);
    expect(later.body.unreadCount).toBe(fresh.body.unreadCount - 1);
  });

  it('shows 已更新 after an edit of a published notice, and audits the versions', async () => {
    const id = await publish({ title: '会改的通知' });
    const edited = await t.app.call('PUT', base(`/${id}`), {
      token: mod,
      body: { title: '改过的通知', body: '新的内容', category: 'reminder', isPublic: false, audience: 'all' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: '改过的通知', version: 2, status: 'published' });
    expect(edited.body.editedAt).not.toBeNull();
    const rows = await auditRows(t.app, 'notice.update', id);
    expect(rows[0].before).toMatchObject({ title: '会改的通知', version: 1 });
    expect(rows[0].after).toMatchObject({ title: '改过的通知', version: 2 });
  });
});

describe('validation', () => {
  const good = { title: '标题', body: '正文', category: 'notice', isPublic: false, audience: 'all' };
  it.each([
    [{ title: '长'.repeat(61) }, '标题最多60个字'],
    [{ title: '' }, '请填写标题'],
    [{ body: '字'.repeat(5001) }, '正文最多5000个字'],
    [{ category: 'gossip' }, '请选择类别：通知、活动、提醒、紧急或公示'],
    [{ audience: 'buildings', buildingIds: [] }, '请至少选择一栋楼'],
    [{ expiresAt: '明天' }, '过期时间不对'],
  ])('refuses bad input #%# with a Chinese message', async (change, message) => {
    const res = await t.app.call('POST', base(), { token: mod, body: { ...good, ...change } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
  });

  it('refuses another community’s building and unknown uploads', async () => {
    const foreign = await createCommunity(t.app, '别处社区');
    const res = await t.app.call('POST', base(), {
      token: mod,
      body: { ...good, audience: 'buildings', buildingIds: [foreign.buildingId] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('选的楼栋不在本社区，请刷新后再选');
    const files = await t.app.call('POST', base(), { token: mod, body: { ...good, uploadIds: [987654] } });
    expect(files.status).toBe(400);
    expect(files.body.error.message).toBe('有附件找不到了，请重新上传');
  });

  it('refuses a withdraw without a reason, a bad cursor, and a second publish', async () => {
    const id = await publish();
    const noReason = await t.app.call('POST', base(`/${id}/withdraw`), { token: mod, body: { reason: ' ' } });
    expect(noReason.body.error.message).toBe('请填写撤回原因');
    const cursor = await t.app.call('GET', base('?cursor=abc'));
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.message).toBe('翻页位置不对，请刷新后再试');
    const twice = await t.app.call('POST', base(`/${id}/publish`), { token: mod });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('只有草稿可以发布');
  });
});

describe('list order, filter, search and paging', () => {
  it('puts pinned and 紧急 first, then newest, and pages without gaps or repeats', async () => {
    const c = await createCommunity(t.app, '翻页社区');
    const m = (await staff(t.app, { community: c })).token;
    const made: number[] = [];
    const post = async (title: string, extra: Draft = {}) => {
      t.app.clock.advance(1000);
      const res = await t.app.call('POST', `/api/committees/${c.id}/notices`, {
        token: m,
        body: { title, body: `${title}的内容`, category: 'notice', isPublic: true, audience: 'all', ...extra },
      });
      await t.app.call('POST', `/api/committees/${c.id}/notices/${res.body.id}/publish`, { token: m });
      made.push(res.body.id);
      return res.body.id as number;
    };
    const urgent = await post('紧急：燃气泄漏', { category: 'urgent' });
    for (let i = 0; i < 10; i++) await post(`普通通知${i}`);
    const pinned = await post('置顶：物业费', {
      pinnedUntil: new Date(t.app.clock().getTime() + 86_400_000).toISOString(),
    });
    for (let i = 10; i < 14; i++) await post(`普通通知${i}`, { category: i % 2 ? 'event' : 'notice' });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const q = `/api/committees/${c.id}/notices?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await t.app.call('GET', q);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    const rest = made.filter((id) => id !== urgent && id !== pinned).reverse();
    expect(seen).toEqual([pinned, urgent, ...rest]);

    const events = await t.app.call('GET', `/api/committees/${c.id}/notices?category=event`);
    expect(events.body.items.map((n: { title: string }) => n.title)).toEqual(['普通通知13', '普通通知11']);
    const found = await t.app.call('GET', `/api/committees/${c.id}/notices?q=${encodeURIComponent('燃气')}`);
    expect(ids(found.body)).toEqual([urgent]);
    const literal = await t.app.call('GET', `/api/committees/${c.id}/notices?q=${encodeURIComponent('%')}`);
    expect(ids(literal.body)).toEqual([]);
  });

  it('lists every state for the committee, newest first', async () => {
    const draft = await t.app.call('POST', base(), {
      token: mod,
      body: { title: '委员会草稿', body: '草稿', category: 'notice', isPublic: false, audience: 'all' },
    });
    const list = await t.app.call('GET', base('/manage?status=draft'), { token: mod });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: draft.body.id, status: 'draft' });
    expect(list.body.items.every((n: { status: string }) => n.status === 'draft')).toBe(true);
    expect((await t.app.call('GET', base('/manage'), { token: r3.token })).status).toBe(403);
    expect((await t.app.call('GET', base('/manage'), { token: modB })).status).toBe(404);
  });
});

describe('attachments', () => {
  async function upload(kind: 'image' | 'pdf') {
    const form = new FormData();
    const bytes =
      kind === 'image'
        ? await sharp({ create: { width: 20, height: 10, channels: 3, background: '#a63' } })
            .jpeg()
            .toBuffer()
        : Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    form.append('file', new Blob([new Uint8Array(bytes)]), kind === 'image' ? '照片.jpg' : '说明.pdf');
    const res = await t.app.call('POST', `/api/committees/${a.id}/uploads`, { token: mod, form });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  }

  it('keeps images in order, attaches them with the notice’s visibility, and refuses a tenth image', async () => {
    const ids = [await upload('image'), await upload('image')];
    const id = await publish({ title: '有图片的通知', isPublic: true, ...{ uploadIds: ids } });
    const detail = await open(id, null);
    expect(detail.status).toBe(200);
    expect(detail.body.attachments.map((f: { id: number }) => f.id)).toEqual(ids);
    // Public notice: plain URLs, no signature.
    expect(detail.body.attachments[0].urls.display).not.toMatch(/sig=/);
    const rows = await t.app.database.db.select().from(uploads).where(eq(uploads.id, ids[0]));
    expect(rows[0]).toMatchObject({ isPublic: true });
    expect(rows[0].attachedAt).not.toBeNull();

    // Made members-only: the files follow, and are served by signed URLs only.
    const edited = await t.app.call('PUT', base(`/${id}`), {
      token: mod,
      body: {
        title: '有图片的通知',
        body: '正文',
        category: 'notice',
        isPublic: false,
        audience: 'all',
        uploadIds: [...ids].reverse(),
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.attachments.map((f: { id: number }) => f.id)).toEqual([...ids].reverse());
    expect(edited.body.attachments[0].urls.display).toMatch(/sig=/);

    // Taken off the notice: an orphan again, which the orphan job removes.
    const fewer = await t.app.call('PUT', base(`/${id}`), {
      token: mod,
      body: {
        title: '有图片的通知',
        body: '正文',
        category: 'notice',
        isPublic: false,
        audience: 'all',
        uploadIds: [ids[1]],
      },
    });
    expect(fewer.body.attachments.map((f: { id: number }) => f.id)).toEqual([ids[1]]);
    const [dropped] = await t.app.database.db.select().from(uploads).where(eq(uploads.id, ids[0]));
    expect(dropped.attachedAt).toBeNull();
    const [kept] = await t.app.database.db.select().from(uploads).where(eq(uploads.id, ids[1]));
    expect(kept.attachedAt).not.toBeNull();

    const ten = await Promise.all(Array.from({ length: 10 }, () => upload('image')));
    const tooMany = await t.app.call('POST', base(), {
      token: mod,
      body: { title: '十张图', body: '正文', category: 'notice', isPublic: false, audience: 'all', uploadIds: ten },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe('图片最多9张');
  });
});

describe('audit', () => {
  it('shows notice actions in 操作记录 with the notice’s title', async () => {
    const id = await publish({ title: '审计看得到' });
    const log = await t.app.call('GET', `/api/committees/${a.id}/audit?action=notice.publish`, { token: mod });
    expect(log.status).toBe(200);
    const entry = log.body.items.find((e: { targetId: number }) => e.targetId === id);
    expect(entry).toMatchObject({ actionLabel: '发布通知', targetName: '通知《审计看得到》' });
    expect(entry.changes).toEqual([{ field: 'status', label: '状态', before: '草稿', after: '已发布' }]);
  });
});

describe('buildings change under a notice', () => {
  it('moves the audience with a merged building, and drops a removed one', async () => {
    const from = await building('7号楼', ['101']);
    const into = await building('8号楼', ['102']);
    const gone = await building('9号楼', ['101']);
    const id = await publish({ title: '7号楼和9号楼的通知', audience: 'buildings', buildingIds: [from.id, gone.id] });
    const merged = await t.app.call('POST', `/api/committees/${a.id}/buildings/${from.id}/merge`, {
      token: mod,
      body: { intoBuildingId: into.id },
    });
    expect(merged.status).toBe(200);
    const removed = await t.app.call('DELETE', `/api/committees/${a.id}/buildings/${gone.id}`, { token: mod });
    expect(removed.status).toBe(200);
    const list = await t.app.call('GET', base('/manage'), { token: mod });
    expect(list.body.items.find((n: { id: number }) => n.id === id).buildingIds).toEqual([into.id]);
  });
});

describe('定时发布, the committee’s view of one notice and its list figures', () => {
  const draft = async () => {
    const res = await t.app.call('POST', base(), {
      token: mod,
      body: { title: '定时通知', body: '下周一停电。', category: 'notice', isPublic: false, audience: 'all' },
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };

  it('a later moment keeps it a draft with publishAt (hidden from residents); a past one publishes now', async () => {
    const id = await draft();
    const at = new Date(t.app.clock().getTime() + 3 * 3_600_000).toISOString();
    const scheduled = await t.app.call('POST', base(`/${id}/publish`), { token: mod, body: { at } });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'draft', publishAt: at, publishedAt: null, reads: null });
    expect((await open(id, r3.token)).status).toBe(404);
    expect(ids((await t.app.call('GET', base(), { token: r3.token })).body)).not.toContain(id);
    const audit = await auditRows(t.app, 'notice.schedule', id);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ status: 'draft', publishAt: at });

    const other = await draft();
    const past = new Date(t.app.clock().getTime() - 60_000).toISOString();
    const now = await t.app.call('POST', base(`/${other}/publish`), { token: mod, body: { at: past } });
    expect(now.body).toMatchObject({ status: 'published', publishAt: null });
    expect((await open(other, r3.token)).status).toBe(200);
  });

  it('unschedule takes it off the schedule once; a draft that was never scheduled cannot be unscheduled', async () => {
    const id = await draft();
    const at = new Date(t.app.clock().getTime() + 86_400_000).toISOString();
    await t.app.call('POST', base(`/${id}/publish`), { token: mod, body: { at } });
    const off = await t.app.call('POST', base(`/${id}/unschedule`), { token: mod });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ status: 'draft', publishAt: null });
    const again = await t.app.call('POST', base(`/${id}/unschedule`), { token: mod });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(await auditRows(t.app, 'notice.unschedule', id)).toHaveLength(1);
  });

  it('GET …/:noticeId/manage gives one notice in any state to its committee; another committee gets 404', async () => {
    const id = await draft();
    const mine = await t.app.call('GET', base(`/${id}/manage`), { token: mod });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id, status: 'draft', body: '下周一停电。', version: 1 });
    expect((await t.app.call('GET', base(`/${id}/manage`), { token: modB })).status).toBe(404);
    expect((await t.app.call('GET', base(`/${id}/manage`), { token: r3.token })).status).toBe(403);
  });

  it('the committee’s list carries 已读 X / Y 户 for published notices, the same as the read figures', async () => {
    const id = await publish({ audience: 'buildings', buildingIds: [b3.id] });
    await open(id, r3.token);
    const figures = (await t.app.call('GET', base(`/${id}/reads`), { token: mod })).body;
    const list = await t.app.call('GET', base('/manage'), { token: mod });
    const row = list.body.items.find((n: { id: number }) => n.id === id);
    expect(row.reads).toEqual(figures.overall);
    expect(row.reads.read).toBe(1);
    expect(row.reads.total).toBeGreaterThanOrEqual(2);
  });
});

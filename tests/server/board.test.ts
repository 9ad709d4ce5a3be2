/**
 * 留言板 for residents: posting (both kinds), the feed with its filters, search and keyset
 * paging, what neighbours see of an anonymous author, editing and deleting, comments,
 * official replies and the author's moves, +1s under concurrency, limits, duplicates,
 * mutes, photos, and who may do what across communities.
 */

import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardMutes, boardSettings, memberships } from '../../server/db/schema';
import { commentView, postDetail, postListItem } from '../../shared/contracts/board';
import { useTestApp } from '../helpers/app';
import { boardMember, handler } from '../helpers/board';
import { auditRows, type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';

const t = useTestApp();
let a: CommunityFixture;
let b: CommunityFixture;
let zhang: Awaited<ReturnType<typeof boardMember>>;
let li: Awaited<ReturnType<typeof boardMember>>;
let wang: Awaited<ReturnType<typeof boardMember>>;
let mod: { token: string; userId: number };
let seq = 0;

const base = (path = '', c = a) => `/api/committees/${c.id}/posts${path}`;
const uniq = (text: string) => `${text}（${seq++}）`;

async function post(token: string, body: Record<string, unknown> = {}, c = a) {
  return t.app.call('POST', base('', c), {
    token,
    body: { kind: 'post', category: 'help', body: uniq('楼道灯坏了，晚上看不见'), ...body },
  });
}
async function matter(token: string, body: Record<string, unknown> = {}) {
  return t.app.call('POST', base(), {
    token,
    body: { kind: 'matter', matterCategory: 'lighting', place: '3号楼门口', body: uniq('路灯不亮'), ...body },
  });
}

beforeAll(async () => {
  a = await createCommunity(t.app, '留言甲社区');
  b = await createCommunity(t.app, '留言乙社区');
  zhang = await boardMember(t.app, a, 0, { nickname: '张阿姨' });
  li = await boardMember(t.app, a, 1, { nickname: '李叔' });
  wang = await boardMember(t.app, a, 2, { nickname: '王伯' });
  mod = await staff(t.app, { community: a });
}, 60_000);

describe('posting and reading', () => {
  it('creates a post with the label the author chose, and lists and opens it', async () => {
    const res = await post(zhang.token, { body: '电梯又坏了，有没有人知道什么时候修？', authorShown: 'room' });
    expect(res.status).toBe(201);
    expect(postDetail.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({
      kind: 'post',
      category: 'help',
      authorLabel: '张阿姨 · 1号楼 101室',
      mine: true,
      status: 'awaiting_reply',
      state: 'visible',
      commentCount: 0,
      plusCount: 0,
      hasOfficialReply: false,
      canEdit: true,
    });
    expect(res.body.timeline).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'awaiting_reply', actorLabel: '发帖人' }),
    ]);
    const list = await t.app.call('GET', base(), { token: li.token });
    expect(list.status).toBe(200);
    const item = list.body.items.find((p: { id: number }) => p.id === res.body.id);
    expect(postListItem.safeParse(item).success).toBe(true);
    expect(item).toMatchObject({ mine: false, excerpt: '电梯又坏了，有没有人知道什么时候修？', imageCount: 0 });
    const one = await t.app.call('GET', base(`/${res.body.id}`), { token: li.token });
    expect(one.body).toMatchObject({ body: '电梯又坏了，有没有人知道什么时候修？', mine: false, canEdit: false });
    const byMod = await t.app.call('GET', base(`/${res.body.id}`), { token: mod.token });
    expect(byMod.status).toBe(200);
  });

  it('labels by building only, or by nickname and building', async () => {
    const building = await post(li.token, { authorShown: 'building' });
    expect(building.body.authorLabel).toBe('1号楼的邻居');
    const name = await post(li.token);
    expect(name.body.authorLabel).toBe('李叔 · 1号楼');
  });

  it('never shows an anonymous author to neighbours, in the list, the detail or comments', async () => {
    const res = await post(wang.token, { authorShown: 'anonymous', body: '有人在楼道里堆杂物，很危险' });
    expect(res.body.authorLabel).toBe('匿名邻居');
    const comment = await t.app.call('POST', base(`/${res.body.id}/comments`), {
      token: wang.token,
      body: { body: '补充一下，是5楼', authorShown: 'anonymous' },
    });
    expect(comment.status).toBe(201);
    const replies = [
      await t.app.call('GET', base(), { token: li.token }),
      await t.app.call('GET', base(`/${res.body.id}`), { token: li.token }),
      await t.app.call('GET', base(`/${res.body.id}/comments`), { token: li.token }),
    ];
    for (const r of replies) {
      expect(r.status).toBe(200);
      const text = JSON.stringify(r.body);
      expect(text).not.toContain('王伯');
      expect(text).not.toContain('201室');
      // No field that could carry who wrote it: only the label (ids are the post's and comments').
      const keys = new Set<string>();
      JSON.stringify(r.body, (k, v) => {
        keys.add(k);
        return v;
      });
      expect(
        [...keys].filter(
          (k) => /user|household|author(?!Label)|openid|nickname|room/i.test(k) && k !== 'plusByMyHousehold',
        ),
      ).toEqual([]);
    }
    expect(JSON.stringify(replies[2].body)).toContain('匿名邻居');
  });

  it('reports a 小事快办 routed by the community setting', async () => {
    await t.app.database.db
      .insert(boardSettings)
      .values({ communityId: a.id, matterRoutes: { leak: 'property' } })
      .onConflictDoUpdate({ target: boardSettings.communityId, set: { matterRoutes: { leak: 'property' } } });
    const light = await matter(zhang.token);
    expect(light.status).toBe(201);
    expect(light.body).toMatchObject({ kind: 'matter', route: 'committee', status: 'accepted', place: '3号楼门口' });
    expect(light.body.category).toBeNull();
    const leak = await matter(zhang.token, { matterCategory: 'leak' });
    expect(leak.body).toMatchObject({ route: 'property', status: 'accepted' });
    expect(leak.body.timeline[0]).toMatchObject({ toStatus: 'accepted', actorLabel: '发帖人' });
  });

  it('refuses what the contract refuses, in Chinese', async () => {
    const empty = await t.app.call('POST', base(), {
      token: zhang.token,
      body: { kind: 'post', category: 'help', body: ' ' },
    });
    expect(empty.status).toBe(400);
    const noPlace = await t.app.call('POST', base(), {
      token: zhang.token,
      body: { kind: 'matter', matterCategory: 'lighting', body: '灯坏了' },
    });
    expect(noPlace.status).toBe(400);
    expect(JSON.stringify(noPlace.body)).toContain('地点');
  });
});

describe('the feed', () => {
  let c: CommunityFixture;
  let m1: Awaited<ReturnType<typeof boardMember>>;
  let m2: Awaited<ReturnType<typeof boardMember>>;
  const ids: Record<string, number> = {};
  const page = (token: string, query = '') => t.app.call('GET', `${base('', c)}${query}`, { token });

  beforeAll(async () => {
    c = await createCommunity(t.app, '留言筛选社区');
    m1 = await boardMember(t.app, c, 0, { nickname: '赵姐' });
    m2 = await boardMember(t.app, c, 1, { nickname: '钱哥' });
    const make = async (name: string, token: string, body: Record<string, unknown>) => {
      const res = await post(token, body, c);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[name] = res.body.id;
    };
    await make('help', m1.token, { category: 'help', body: '谁家有梯子借用一下' });
    await make('suggest', m1.token, { category: 'suggestion', body: '建议在花园加几张长椅' });
    await make('praise', m2.token, { category: 'praise', body: '感谢保安师傅帮忙搬东西 100%满意' });
    await make('chat', m2.token, { category: 'chat', body: '今天天气真好' });
    await make('matter', m1.token, { kind: 'matter', matterCategory: 'noise', place: '广场', body: '晚上跳舞太吵' });
  });

  it('filters by kind, category, matter category, 我的, and text (taken literally)', async () => {
    const only = async (query: string) => (await page(m2.token, query)).body.items.map((p: { id: number }) => p.id);
    expect(await only('?kind=matter')).toEqual([ids.matter]);
    expect(await only('?kind=post&category=suggestion')).toEqual([ids.suggest]);
    expect(await only('?matterCategory=noise')).toEqual([ids.matter]);
    expect(await only('?mine=true')).toEqual([ids.chat, ids.praise]);
    expect(await only(`?q=${encodeURIComponent('长椅')}`)).toEqual([ids.suggest]);
    expect(await only(`?q=${encodeURIComponent('100%')}`)).toEqual([ids.praise]);
    expect(await only(`?q=${encodeURIComponent('0%满')}`)).toEqual([ids.praise]);
    expect(await only(`?q=${encodeURIComponent('%')}`)).toEqual([ids.praise]);
    expect((await page(m2.token, '?category=bogus')).status).toBe(400);
    // 只看居委回复: a post with an official reply.
    const moderator = await staff(t.app, { community: c });
    await t.app.call('POST', `${base('', c)}/${ids.suggest}/official-replies`, {
      token: moderator.token,
      body: { body: '会考虑的' },
    });
    expect(await only('?official=true')).toEqual([ids.suggest]);
  });

  it('pages newest first with an opaque cursor, and by activity', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await page(m1.token, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((p: { id: number }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Object.values(ids).sort((x, y) => y - x));
    // A comment brings the oldest post to the top of "有新回复".
    t.app.clock.advance(1000);
    await t.app.call('POST', `${base('', c)}/${ids.help}/comments`, {
      token: m2.token,
      body: { body: '我家有，来拿' },
    });
    const byActivity: number[] = [];
    cursor = null;
    do {
      const res = await page(
        m1.token,
        `?sort=activity&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      byActivity.push(...res.body.items.map((p: { id: number }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(byActivity[0]).toBe(ids.help);
    expect([...byActivity].sort()).toEqual(Object.values(ids).sort());
    const bad = await page(m1.token, '?cursor=nonsense');
    expect(bad.status).toBe(400);
  });

  it('shows a held post to its author only, marked, in the feed and by id', async () => {
    const res = await post(m1.token, { body: '这条等审核' }, c);
    await t.app.database.sql`update posts set state = 'held', held_reason = 'wechat_review' where id = ${res.body.id}`;
    const mine = await page(m1.token);
    expect(mine.body.items[0]).toMatchObject({ id: res.body.id, state: 'held', heldReason: 'wechat_review' });
    const theirs = await page(m2.token);
    expect(theirs.body.items.map((p: { id: number }) => p.id)).not.toContain(res.body.id);
    expect((await t.app.call('GET', `${base('', c)}/${res.body.id}`, { token: m2.token })).status).toBe(404);
    expect((await t.app.call('GET', `${base('', c)}/${res.body.id}`, { token: m1.token })).status).toBe(200);
  });
});

describe('editing and deleting', () => {
  it('lets the author edit within 10 minutes, marked, then refuses', async () => {
    const res = await post(li.token);
    const other = await t.app.call('PATCH', base(`/${res.body.id}`), { token: zhang.token, body: { body: '改一下' } });
    expect(other.status).toBe(403);
    t.app.clock.advance(9 * 60_000);
    const edit = await t.app.call('PATCH', base(`/${res.body.id}`), { token: li.token, body: { body: '改过的内容' } });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ body: '改过的内容', canEdit: true });
    expect(edit.body.editedAt).not.toBeNull();
    t.app.clock.advance(2 * 60_000);
    const late = await t.app.call('PATCH', base(`/${res.body.id}`), { token: li.token, body: { body: '再改' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('EDIT_WINDOW_CLOSED');
  });

  it('deletes the own post: gone for everyone, the author included; kept for staff with the reason', async () => {
    const res = await post(li.token);
    expect((await t.app.call('DELETE', base(`/${res.body.id}`), { token: zhang.token })).status).toBe(403);
    expect((await t.app.call('DELETE', base(`/${res.body.id}`), { token: li.token })).status).toBe(204);
    for (const who of [li, zhang, mod])
      expect((await t.app.call('GET', base(`/${res.body.id}`), { token: who.token })).status).toBe(404);
    const mine = await t.app.call('GET', base('?mine=true'), { token: li.token });
    expect(mine.body.items.map((p: { id: number }) => p.id)).not.toContain(res.body.id);
    const [row] = await t.app.database.sql`select state, state_reason from posts where id = ${res.body.id}`;
    expect(row).toEqual({ state: 'deleted', state_reason: '作者删除' });
  });
});

describe('comments', () => {
  it('lists oldest first with official replies apart on top, and keeps comment_count', async () => {
    const p = (await post(zhang.token)).body;
    const c1 = await t.app.call('POST', base(`/${p.id}/comments`), { token: li.token, body: { body: '我也是' } });
    expect(c1.status).toBe(201);
    expect(commentView.safeParse(c1.body).success).toBe(true);
    expect(c1.body).toMatchObject({ authorLabel: '李叔 · 1号楼', isOfficial: false, mine: true });
    const off = await t.app.call('POST', base(`/${p.id}/official-replies`), {
      token: mod.token,
      body: { body: '明天修' },
    });
    expect(off.status).toBe(201);
    await t.app.call('POST', base(`/${p.id}/comments`), { token: wang.token, body: { body: '谢谢居委' } });
    const list = await t.app.call('GET', base(`/${p.id}/comments?limit=1`), { token: zhang.token });
    expect(list.body.official).toEqual([
      expect.objectContaining({ body: '明天修', authorLabel: '居委会', isOfficial: true }),
    ]);
    expect(list.body.items.map((c: { body: string }) => c.body)).toEqual(['我也是']);
    const next = await t.app.call('GET', base(`/${p.id}/comments?limit=1&cursor=${list.body.nextCursor}`), {
      token: zhang.token,
    });
    expect(next.body.official).toEqual([]);
    expect(next.body.items.map((c: { body: string }) => c.body)).toEqual(['谢谢居委']);
    expect((await t.app.call('GET', base(`/${p.id}`), { token: zhang.token })).body).toMatchObject({
      commentCount: 2,
      hasOfficialReply: true,
    });
    // Only the author deletes, and the count follows.
    expect((await t.app.call('DELETE', base(`/${p.id}/comments/${c1.body.id}`), { token: wang.token })).status).toBe(
      403,
    );
    expect((await t.app.call('DELETE', base(`/${p.id}/comments/${c1.body.id}`), { token: li.token })).status).toBe(204);
    expect((await t.app.call('GET', base(`/${p.id}`), { token: zhang.token })).body.commentCount).toBe(1);
  });

  it('hides the comments of a post others cannot see; its author still reads them', async () => {
    const p = (await post(zhang.token)).body;
    await t.app.call('POST', base(`/${p.id}/comments`), { token: li.token, body: { body: '看到了' } });
    await t.app.database.sql`update posts set state = 'hidden', state_reason = '多人举报' where id = ${p.id}`;
    expect((await t.app.call('GET', base(`/${p.id}/comments`), { token: li.token })).status).toBe(404);
    const own = await t.app.call('GET', base(`/${p.id}/comments`), { token: zhang.token });
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    const detail = await t.app.call('GET', base(`/${p.id}`), { token: zhang.token });
    expect(detail.body).toMatchObject({ state: 'hidden', stateReason: '多人举报', canAppeal: true });
    const more = await t.app.call('POST', base(`/${p.id}/comments`), { token: li.token, body: { body: '再看' } });
    expect(more.status).toBe(404);
  });
});

describe('official replies and the author’s moves', () => {
  it('moves 待回复 → 已回复, messages the author, audits; the author confirms', async () => {
    const p = (await post(zhang.token)).body;
    const res = await t.app.call('POST', base(`/${p.id}/official-replies`), {
      token: mod.token,
      body: { body: '已经联系物业' },
    });
    expect(res.status).toBe(201);
    const detail = (await t.app.call('GET', base(`/${p.id}`), { token: zhang.token })).body;
    expect(detail.status).toBe('replied');
    expect(detail.timeline.map((e: { toStatus: string; actorLabel: string }) => [e.toStatus, e.actorLabel])).toEqual([
      ['awaiting_reply', '发帖人'],
      ['replied', '居委会'],
    ]);
    const msgs = await t.app.database
      .sql`select kind, title, link from messages where user_id = ${zhang.userId} and kind = 'board.reply'`;
    expect(msgs.at(-1)).toMatchObject({
      title: '居委会回复了您的留言',
      link: `/packages/board/detail/index?communityId=${a.id}&id=${p.id}`,
    });
    const audit = await auditRows(t.app, 'post.official_reply', p.id);
    expect(audit).toEqual([expect.objectContaining({ actor_id: mod.userId, after: { status: 'replied' } })]);
    // A resident cannot reply officially.
    expect(
      (await t.app.call('POST', base(`/${p.id}/official-replies`), { token: li.token, body: { body: 'x' } })).status,
    ).toBe(403);
    // Only the author confirms.
    expect((await t.app.call('POST', base(`/${p.id}/resolve`), { token: li.token })).status).toBe(403);
    const done = await t.app.call('POST', base(`/${p.id}/resolve`), { token: zhang.token });
    expect(done.body.status).toBe('resolved');
    const again = await t.app.call('POST', base(`/${p.id}/reopen`), {
      token: zhang.token,
      body: { reason: '还是坏的' },
    });
    expect(again.status).toBe(409);
  });

  it('reopens with a reason back to 待回复; a second reply moves it again', async () => {
    const p = (await post(zhang.token)).body;
    expect(
      (await t.app.call('POST', base(`/${p.id}/reopen`), { token: zhang.token, body: { reason: '没人回' } })).status,
    ).toBe(409);
    await t.app.call('POST', base(`/${p.id}/official-replies`), { token: mod.token, body: { body: '修好了' } });
    const re = await t.app.call('POST', base(`/${p.id}/reopen`), { token: zhang.token, body: { reason: '还是坏的' } });
    expect(re.body.status).toBe('awaiting_reply');
    expect(re.body.timeline.at(-1)).toMatchObject({
      toStatus: 'awaiting_reply',
      actorLabel: '发帖人',
      note: '还是坏的',
    });
    await t.app.call('POST', base(`/${p.id}/official-replies`), { token: mod.token, body: { body: '再看看' } });
    expect((await t.app.call('GET', base(`/${p.id}`), { token: zhang.token })).body.status).toBe('replied');
  });

  it('lets a handler reply only on matters routed to 物业, as 物业, without moving the matter', async () => {
    const h = await handler(t.app, a);
    const leak = (await matter(li.token, { matterCategory: 'leak' })).body;
    const light = (await matter(li.token, { matterCategory: 'lighting' })).body;
    const board = (await post(li.token)).body;
    const res = await t.app.call('POST', base(`/${leak.id}/official-replies`), {
      token: h.token,
      body: { body: '下午来修' },
    });
    expect(res.status).toBe(201);
    expect(res.body.authorLabel).toBe('物业');
    expect((await t.app.call('GET', base(`/${leak.id}`), { token: li.token })).body).toMatchObject({
      status: 'accepted',
      hasOfficialReply: true,
    });
    expect(
      (await t.app.call('POST', base(`/${light.id}/official-replies`), { token: h.token, body: { body: 'x' } })).status,
    ).toBe(404);
    expect(
      (await t.app.call('POST', base(`/${board.id}/official-replies`), { token: h.token, body: { body: 'x' } })).status,
    ).toBe(404);
    // Resident routes are not theirs.
    expect((await t.app.call('GET', base(), { token: h.token })).status).toBe(403);
    expect((await t.app.call('GET', base(`/${leak.id}`), { token: h.token })).status).toBe(403);
  });

  it('lets the author confirm or reopen a done matter, and rate it once when resolved', async () => {
    const m = (await matter(wang.token)).body;
    expect((await t.app.call('POST', base(`/${m.id}/resolve`), { token: wang.token })).status).toBe(409);
    await t.app.database.sql`update posts set status = 'done', status_at = now() where id = ${m.id}`;
    const re = await t.app.call('POST', base(`/${m.id}/reopen`), { token: wang.token, body: { reason: '灯还是不亮' } });
    expect(re.body.status).toBe('in_progress');
    const [row] = await t.app.database.sql`select reopen_count from posts where id = ${m.id}`;
    expect(row.reopen_count).toBe(1);
    expect((await t.app.call('POST', base(`/${m.id}/rating`), { token: wang.token, body: { stars: 5 } })).status).toBe(
      409,
    );
    await t.app.database.sql`update posts set status = 'done' where id = ${m.id}`;
    expect((await t.app.call('POST', base(`/${m.id}/resolve`), { token: wang.token })).body.status).toBe('resolved');
    expect((await t.app.call('POST', base(`/${m.id}/rating`), { token: li.token, body: { stars: 5 } })).status).toBe(
      403,
    );
    const rated = await t.app.call('POST', base(`/${m.id}/rating`), {
      token: wang.token,
      body: { stars: 4, comment: '修得挺快' },
    });
    expect(rated.body).toMatchObject({ rating: 4, ratingComment: '修得挺快' });
    expect((await t.app.call('POST', base(`/${m.id}/rating`), { token: wang.token, body: { stars: 1 } })).status).toBe(
      409,
    );
    expect((await t.app.call('POST', base(`/${m.id}/rating`), { token: wang.token, body: { stars: 6 } })).status).toBe(
      400,
    );
  });
});

describe('我也遇到了', () => {
  it('counts one per household under 10 concurrent requests from 2 households', async () => {
    const c = await createCommunity(t.app, '加一社区');
    const author = await boardMember(t.app, c, 5);
    const p = (await post(author.token, {}, c)).body;
    const members = await Promise.all(
      Array.from({ length: 10 }, (_, i) => boardMember(t.app, c, i % 2, { nickname: `邻居${i}` })),
    );
    const replies = await Promise.all(
      members.map((m) => t.app.call('PUT', `${base('', c)}/${p.id}/plus-one`, { token: m.token })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    const detail = await t.app.call('GET', `${base('', c)}/${p.id}`, { token: members[0].token });
    expect(detail.body).toMatchObject({ plusCount: 2, plusByMyHousehold: true });
    const [{ n }] = await t.app.database.sql`select count(*)::int as n from post_plus_ones where post_id = ${p.id}`;
    expect(n).toBe(2);
    // Only the member who gave it takes it back.
    const [giver] = await t.app.database
      .sql`select user_id from post_plus_ones where post_id = ${p.id} and household_id = ${c.householdIds[0]}`;
    const sameHome = members.filter((m, i) => i % 2 === 0 && m.userId !== giver.user_id)[0];
    expect((await t.app.call('DELETE', `${base('', c)}/${p.id}/plus-one`, { token: sameHome.token })).status).toBe(403);
    const me = members.find((m) => m.userId === giver.user_id);
    const off = await t.app.call('DELETE', `${base('', c)}/${p.id}/plus-one`, { token: me?.token });
    expect(off.body).toEqual({ plusCount: 1, plusByMyHousehold: false });
    const list = await t.app.call('GET', base('', c), { token: members[1].token });
    expect(list.body.items[0]).toMatchObject({ id: p.id, plusCount: 1, plusByMyHousehold: true });
  });
});

describe('limits, duplicates and mutes', () => {
  it('lets a member post 10 a day and a new member 3', async () => {
    const c = await createCommunity(t.app, '限流社区');
    const old = await boardMember(t.app, c, 0, { daysAgo: 30 });
    const fresh = await boardMember(t.app, c, 1, { daysAgo: 2 });
    for (let i = 0; i < 3; i++) expect((await post(fresh.token, {}, c)).status).toBe(201);
    const refused = await post(fresh.token, {}, c);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.body.error.message).toContain('新加入的居民每天最多发3条留言');
    for (let i = 0; i < 10; i++) expect((await post(old.token, {}, c)).status).toBe(201);
    expect((await post(old.token, {}, c)).status).toBe(429);
    // A deleted post still counts.
    const [{ id }] = await t.app.database.sql`select id from posts where author_id = ${old.userId} limit 1`;
    await t.app.call('DELETE', `${base('', c)}/${id}`, { token: old.token });
    expect((await post(old.token, {}, c)).status).toBe(429);
  });

  it('limits comments: 50 a day, 20 for a new member', async () => {
    const c = await createCommunity(t.app, '评论限流社区');
    const author = await boardMember(t.app, c, 0);
    const fresh = await boardMember(t.app, c, 1, { daysAgo: 1 });
    const p = (await post(author.token, {}, c)).body;
    for (let i = 0; i < 20; i++)
      expect(
        (
          await t.app.call('POST', `${base('', c)}/${p.id}/comments`, {
            token: fresh.token,
            body: { body: `第${i}条` },
          })
        ).status,
      ).toBe(201);
    const refused = await t.app.call('POST', `${base('', c)}/${p.id}/comments`, {
      token: fresh.token,
      body: { body: '再来' },
    });
    expect(refused.status).toBe(429);
    expect((await t.app.call('GET', `${base('', c)}/${p.id}`, { token: author.token })).body.commentCount).toBe(20);
  });

  it('refuses the same text twice in a day, written differently', async () => {
    const c = await createCommunity(t.app, '重复社区');
    const m = await boardMember(t.app, c, 0);
    expect((await post(m.token, { body: '小区门口的ＡＢＣ超市很好' }, c)).status).toBe(201);
    const dup = await post(m.token, { body: '小区门口的 abc 超市，很好！' }, c);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_CONTENT');
    t.app.clock.advance(24 * 3_600_000 + 1000);
    expect((await post(m.token, { body: '小区门口的abc超市很好' }, c)).status).toBe(201);
  });

  it('refuses a muted member until the mute ends, with the date', async () => {
    const c = await createCommunity(t.app, '禁言社区');
    const m = await boardMember(t.app, c, 0);
    const author = await boardMember(t.app, c, 1);
    const p = (await post(author.token, {}, c)).body;
    const until = new Date(t.app.clock().getTime() + 3 * 86_400_000);
    await t.app.database.db.insert(boardMutes).values({ communityId: c.id, userId: m.userId, until, reason: '辱骂' });
    const refused = await post(m.token, {}, c);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('BOARD_MUTED');
    expect(refused.body.error.message).toMatch(/到\d{4}/);
    const comment = await t.app.call('POST', `${base('', c)}/${p.id}/comments`, {
      token: m.token,
      body: { body: '评论' },
    });
    expect(comment.body.error.code).toBe('BOARD_MUTED');
    await t.app.database.sql`update board_mutes set lifted_at = now() where user_id = ${m.userId}`;
    expect((await post(m.token, {}, c)).status).toBe(201);
  });
});

describe('who may', () => {
  it('gives another community’s members and moderators 404, and staff 403 on writing', async () => {
    const p = (await post(wang.token, { body: uniq('只在甲社区') })).body;
    const modB = await staff(t.app, { community: b });
    const outsider = await resident(t.app, b, 3);
    for (const who of [modB, outsider]) {
      expect((await t.app.call('GET', base(`/${p.id}`), { token: who.token })).status).toBe(404);
      expect((await t.app.call('GET', base(), { token: who.token })).status).toBe(404);
      expect((await t.app.call('PUT', base(`/${p.id}/plus-one`), { token: who.token })).status).toBe(404);
      expect(
        (await t.app.call('POST', base(`/${p.id}/official-replies`), { token: who.token, body: { body: 'x' } })).status,
      ).toBe(404);
    }
    // A's post under B's path does not exist either.
    expect((await t.app.call('GET', base(`/${p.id}`, b), { token: modB.token })).status).toBe(404);
    const byMod = await post(mod.token);
    expect(byMod.status).toBe(403);
  });

  it('refuses a resident without a household', async () => {
    const u = await resident(t.app, a, 3);
    await t.app.database.db.update(memberships).set({ householdId: null }).where(eq(memberships.userId, u.userId));
    const res = await post(u.token);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('房屋');
  });
});

describe('photos', () => {
  const jpeg = () =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: '#c84' } })
      .jpeg()
      .toBuffer();
  const form = async (bytes?: Buffer, type = 'image/jpeg') => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(bytes ?? (await jpeg()))], { type }), 'IMG_张三家.jpg');
    return f;
  };

  it('uploads members-only photos without their names and attaches them to a post; thumbnails in the list', async () => {
    const c = await createCommunity(t.app, '照片社区');
    const m = await boardMember(t.app, c, 0);
    const other = await boardMember(t.app, c, 1);
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const up = await t.app.call('POST', `/api/committees/${c.id}/photos`, { token: m.token, form: await form() });
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ kind: 'image', name: null, isPublic: false });
      ids.push(up.body.id);
    }
    const pdf = await t.app.call('POST', `/api/committees/${c.id}/photos`, {
      token: m.token,
      form: await form(Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf'),
    });
    expect(pdf.status).toBe(415);
    // Someone else's photo cannot be taken into a post.
    const theirs = await post(other.token, { uploadIds: [ids[0]] }, c);
    expect(theirs.status).toBe(400);
    const res = await post(m.token, { uploadIds: ids }, c);
    expect(res.status).toBe(201);
    expect(res.body.images.map((u: { id: number }) => u.id)).toEqual(ids);
    const list = await t.app.call('GET', base('', c), { token: other.token });
    expect(list.body.items[0]).toMatchObject({ imageCount: 4 });
    expect(list.body.items[0].images.map((u: { id: number }) => u.id)).toEqual(ids.slice(0, 3));
    // Attached once: a second post cannot take them again.
    expect((await post(m.token, { uploadIds: [ids[0]] }, c)).status).toBe(400);
  });

  it('limits photos per day', async () => {
    const c = await createCommunity(t.app, '照片限流社区');
    const m = await boardMember(t.app, c, 0);
    const [one] = await t.app.database.sql`select * from uploads limit 1`;
    await t.app.database
      .sql`insert into uploads (community_id, uploaded_by, kind, file_key, byte_size, is_public, created_at)
      select ${c.id}, ${m.userId}, 'image', ${one.file_key}, 1, false, ${t.app.clock().toISOString()}::timestamptz from generate_series(1, 30)`;
    const up = await t.app.call('POST', `/api/committees/${c.id}/photos`, { token: m.token, form: await form() });
    expect(up.status).toBe(429);
  });
});

describe('personal data', () => {
  it('copies the author’s posts and comments, and erases their text on deletion', async () => {
    const c = await createCommunity(t.app, '注销社区');
    const m = await boardMember(t.app, c, 0, { nickname: '要走的人' });
    const other = await boardMember(t.app, c, 1);
    const p = (await post(m.token, { body: '我家的事不想留着' }, c)).body;
    const theirs = (await post(other.token, {}, c)).body;
    await t.app.call('POST', `${base('', c)}/${theirs.id}/comments`, { token: m.token, body: { body: '我的评论' } });
    await t.app.call('PUT', `${base('', c)}/${theirs.id}/plus-one`, { token: m.token });
    const copy = await t.app.call('GET', '/api/me/data', { token: m.token });
    expect(copy.status).toBe(200);
    expect(copy.body.boardPosts).toEqual([expect.objectContaining({ body: '我家的事不想留着', kind: 'post' })]);
    expect(copy.body.boardComments).toEqual([expect.objectContaining({ body: '我的评论' })]);
    expect(copy.body.boardPlusOnes).toEqual([expect.objectContaining({ postId: theirs.id })]);
    expect((await t.app.call('POST', '/api/me/delete', { token: m.token, body: { confirm: '删除' } })).status).toBe(
      204,
    );
    const [row] = await t.app.database.sql`select author_id, author_label, body, state from posts where id = ${p.id}`;
    expect(row).toEqual({ author_id: null, author_label: '已注销的居民', body: '', state: 'deleted' });
    const [cm] = await t.app.database.sql`select author_id, body from post_comments where post_id = ${theirs.id}`;
    expect(cm).toEqual({ author_id: null, body: '' });
    const after = await t.app.call('GET', `${base('', c)}/${theirs.id}`, { token: other.token });
    expect(after.body).toMatchObject({ commentCount: 0, plusCount: 1 });
  });
});

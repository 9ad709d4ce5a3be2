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
let outsider: { token: string; userId: number };
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
  outsider = await boardMember(t.app, b, 0, { nickname: '外人' });
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

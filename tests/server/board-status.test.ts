/**
 * The board's status machines as tables (server/features/board/status.ts): the table is
 * walked against an independent list of what is allowed, then every status × author move
 * is tried through HTTP, by the author and by others; and the 7-day close with its warning
 * a day before, on a moved clock.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { autoClose } from '../../server/features/board/jobs';
import { type Move, type Mover, transitionFor, transitions } from '../../server/features/board/status';
import { boardStatuses, matterStatuses, type PostKind, type PostStatus } from '../../shared/enums';
import { useTestApp } from '../helpers/app';
import { boardMember } from '../helpers/board';
import { type CommunityFixture, createCommunity, staff } from '../helpers/fixtures';

const t = useTestApp();
const DAY = 86_400_000;
let c: CommunityFixture;
let author: Awaited<ReturnType<typeof boardMember>>;
let neighbour: Awaited<ReturnType<typeof boardMember>>;
let mod: { token: string; userId: number };
let seq = 0;

/** What may happen, written out by hand: kind, from, move, by → to. */
const allowed: Array<[PostKind, PostStatus, Move, Mover, PostStatus]> = [
  ['post', 'awaiting_reply', 'reply', 'official', 'replied'],
  ['post', 'replied', 'resolve', 'author', 'resolved'],
  ['post', 'replied', 'reopen', 'author', 'awaiting_reply'],
  ['post', 'replied', 'auto_close', 'system', 'resolved'],
  ['matter', 'done', 'resolve', 'author', 'resolved'],
  ['matter', 'done', 'reopen', 'author', 'in_progress'],
  ['matter', 'done', 'auto_close', 'system', 'resolved'],
];
const moves: Move[] = ['reply', 'resolve', 'reopen', 'auto_close'];
const movers: Mover[] = ['author', 'official', 'system'];
const statusesOf = (kind: PostKind): readonly PostStatus[] => (kind === 'post' ? boardStatuses : matterStatuses);

const base = (path = '') => `/api/committees/${c.id}/posts${path}`;

async function postIn(kind: PostKind, status: PostStatus) {
  const body =
    kind === 'post'
      ? { kind, category: 'help', body: `状态测试${seq++}` }
      : { kind, matterCategory: 'lighting', place: '1号楼', body: `状态测试${seq++}` };
  const res = await t.app.call('POST', base(), { token: author.token, body });
  expect(res.status).toBe(201);
  // Dated back two days, so that the author's daily limit does not stop the walk.
  await t.app.database
    .sql`update posts set status = ${status}, created_at = created_at - interval '2 days' where id = ${res.body.id}`;
  return res.body.id as number;
}

beforeAll(async () => {
  c = await createCommunity(t.app, '状态社区');
  author = await boardMember(t.app, c, 0);
  neighbour = await boardMember(t.app, c, 1);
  mod = await staff(t.app, { community: c });
});

describe('the tables', () => {
  it('allow exactly the moves listed, and nothing leaves 已解决', () => {
    for (const kind of ['post', 'matter'] as const)
      for (const from of statusesOf(kind))
        for (const move of moves)
          for (const by of movers) {
            const expected = allowed.find((r) => r[0] === kind && r[1] === from && r[2] === move && r[3] === by);
            expect(transitionFor(kind, move, from, by)?.to ?? null, `${kind} ${from} ${move} by ${by}`).toBe(
              expected ? expected[4] : null,
            );
          }
    expect(transitions.filter((tr) => tr.from === 'resolved')).toEqual([]);
    expect(transitions.filter((tr) => tr.move === 'reopen').every((tr) => tr.reason)).toBe(true);
  });

  it('is what the routes do: every status × the author’s moves, by the author, a neighbour and staff', async () => {
    // The neighbours and staff are refused whatever the status; the author as the table says.
    const authorMoves: Array<['resolve' | 'reopen', string]> = [
      ['resolve', '/resolve'],
      ['reopen', '/reopen'],
    ];
    for (const kind of ['post', 'matter'] as const)
      for (const from of statusesOf(kind))
        for (const [move, path] of authorMoves) {
          const id = await postIn(kind, from);
          const body = move === 'reopen' ? { reason: '还没好' } : undefined;
          for (const other of [neighbour, mod])
            expect((await t.app.call('POST', base(`/${id}${path}`), { token: other.token, body })).status).toBe(403);
          const res = await t.app.call('POST', base(`/${id}${path}`), { token: author.token, body });
          const to = transitionFor(kind, move, from, 'author')?.to;
          expect({ kind, from, move, status: res.status, to: res.body.status }).toEqual({
            kind,
            from,
            move,
            status: to ? 200 : 409,
            to: to ?? undefined,
          });
        }
  });

  it('moves a board post to 已回复 only from 待回复 by an official reply', async () => {
    for (const from of boardStatuses) {
      const id = await postIn('post', from);
      const res = await t.app.call('POST', base(`/${id}/official-replies`), {
        token: mod.token,
        body: { body: '回复' },
      });
      expect(res.status).toBe(201);
      const after = (await t.app.call('GET', base(`/${id}`), { token: author.token })).body.status;
      expect(after).toBe(from === 'awaiting_reply' ? 'replied' : from);
    }
  });
});

describe('closing by itself', () => {
  it('warns the author a day before and closes 7 days after 已回复 / 已办结, as the system', async () => {
    // The walk above left posts in 已回复 / 已办结: out of the way, so the counts below are these posts'.
    await t.app.database.sql`update posts set status = 'resolved' where status in ('replied', 'done')`;
    const board = await postIn('post', 'awaiting_reply');
    await t.app.call('POST', base(`/${board}/official-replies`), { token: mod.token, body: { body: '处理了' } });
    const m = await postIn('matter', 'accepted');
    await t.app.database
      .sql`update posts set status = 'done', status_at = ${t.app.clock().toISOString()} where id = ${m}`;
    const untouched = await postIn('post', 'awaiting_reply');
    await t.app.database
      .sql`update posts set status_at = ${new Date(t.app.clock().getTime() - 30 * DAY).toISOString()} where id = ${untouched}`;

    t.app.clock.advance(5 * DAY);
    await autoClose(t.app.deps);
    const warnings = () =>
      t.app.database
        .sql`select title, link from messages where user_id = ${author.userId} and kind = 'board.closing' order by id`;
    expect(await warnings()).toEqual([]);

    t.app.clock.advance(DAY + 60_000);
    expect(await autoClose(t.app.deps)).toMatchObject({ warned: 2, closed: 0 });
    const sent = await warnings();
    expect(sent.map((r) => r.title).sort()).toEqual([
      '您的小事快办将在1天后自动标为已解决',
      '您的留言将在1天后自动标为已解决',
    ]);
    expect(sent.map((r) => r.link)).toContain(`/packages/board/detail/index?communityId=${c.id}&id=${board}`);
    // Run again: nobody is warned twice.
    expect(await autoClose(t.app.deps)).toMatchObject({ warned: 0, closed: 0 });

    t.app.clock.advance(DAY);
    expect(await autoClose(t.app.deps)).toMatchObject({ warned: 0, closed: 2 });
    for (const id of [board, m]) {
      const detail = (await t.app.call('GET', base(`/${id}`), { token: author.token })).body;
      expect(detail.status).toBe('resolved');
      expect(detail.timeline.at(-1)).toMatchObject({ toStatus: 'resolved', actorLabel: '系统' });
    }
    expect((await t.app.call('GET', base(`/${untouched}`), { token: author.token })).body.status).toBe(
      'awaiting_reply',
    );
  });

  it('starts over after a reopen: a new 已回复 spell gets its own warning', async () => {
    const id = await postIn('post', 'awaiting_reply');
    await t.app.call('POST', base(`/${id}/official-replies`), { token: mod.token, body: { body: '好了' } });
    t.app.clock.advance(6 * DAY + 60_000);
    await autoClose(t.app.deps);
    const [warned] = await t.app.database.sql`select close_warned_at from posts where id = ${id}`;
    expect(warned.close_warned_at).not.toBeNull();
    await t.app.call('POST', base(`/${id}/reopen`), { token: author.token, body: { reason: '没好' } });
    await t.app.call('POST', base(`/${id}/official-replies`), { token: mod.token, body: { body: '这回好了' } });
    t.app.clock.advance(2 * DAY);
    await autoClose(t.app.deps);
    expect((await t.app.call('GET', base(`/${id}`), { token: author.token })).body.status).toBe('replied');
  });
});

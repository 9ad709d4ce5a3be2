/**
 * WeChat's 消息推送 at /api/wechat/push (docs/decisions/018-screening.md): the URL check with
 * WeChat's own vector, plain and 安全 (AES) pushes with good and bad signatures, a rotated
 * EncodingAESKey, WeChat's retries deduplicated, and wxa_media_check verdicts applied to the
 * item (visible, rejected with a log row and a message, held for review).
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobs, mediaChecks, messages, moderationLog, posts } from '../../server/db/schema';
import { appJobs } from '../../server/jobs';
import { createJobRunner } from '../../server/platform/jobs';
import { decryptPush, encryptPush, pushSignature } from '../../server/wechat/push';
import { useTestApp } from '../helpers/app';
import { mediaCheckEvent, pushToServer } from '../helpers/fake-wechat';
import { type CommunityFixture, createCommunity, resident } from '../helpers/fixtures';
import { ensurePostSubject, insertPost, insertUpload } from '../helpers/screening';

const TOKEN = 'AAAAA';
const APPID = 'wxpushtest000001';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OLD_KEY = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';

const plain = useTestApp({ config: { WECHAT_PUSH_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_SECRET: 's' } });
const safe = useTestApp({
  config: {
    WECHAT_PUSH_TOKEN: TOKEN,
    WECHAT_APPID: APPID,
    WECHAT_SECRET: 's',
    WECHAT_PUSH_AES_KEY: KEY,
    WECHAT_PUSH_AES_KEY_PREVIOUS: OLD_KEY,
  },
});

let a: CommunityFixture;
let author: { userId: number };
let seq = 0;
let runners = 0;

beforeAll(async () => {
  ensurePostSubject();
  a = await createCommunity(plain.app, '推送社区');
  author = await resident(plain.app, a);
});

const verdictJobs = (app = plain.app) =>
  app.database.db.select().from(jobs).where(eq(jobs.name, 'screening.media_verdict'));
const runJobs = () => createJobRunner(plain.app.deps, appJobs(), { workerId: `push-${runners++}` }).runDue();

describe('GET /api/wechat/push (URL check)', () => {
  it("answers echostr as plain text for WeChat's documented vector", async () => {
    expect(pushSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
    const q =
      'signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=hello123';
    const res = await fetch(`${plain.app.url}/api/wechat/push?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('hello123');
  });

  it('refuses a wrong signature with 403 and no echostr', async () => {
    const q =
      'signature=f464b24fc39322e44b38aa78f5edd27bd1441697&timestamp=1714036504&nonce=1514711492&echostr=hello123';
    const res = await fetch(`${plain.app.url}/api/wechat/push?${q}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('hello123');
  });
});

describe('POST /api/wechat/push', () => {
  it('plain mode: a signed event is answered "success" and becomes one job; a bad signature does nothing', async () => {
    const bad = await pushToServer(plain.app.url, mediaCheckEvent('trace-bad', 'pass'), { token: TOKEN, tamper: true });
    expect(bad.status).toBe(403);
    expect((await verdictJobs()).filter((j) => j.key?.endsWith('trace-bad'))).toEqual([]);
    const good = await pushToServer(plain.app.url, mediaCheckEvent('trace-good', 'pass'), { token: TOKEN });
    expect(good).toEqual({ status: 200, text: 'success' });
    expect((await verdictJobs()).filter((j) => j.key === 'screening.media_verdict:trace-good')).toHaveLength(1);
  });

  it("WeChat's retries (the same trace_id, several times at once) are one job", async () => {
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        pushToServer(plain.app.url, mediaCheckEvent('trace-retried', 'review'), { token: TOKEN }),
      ),
    );
    expect(replies.every((r) => r.status === 200 && r.text === 'success')).toBe(true);
    expect((await verdictJobs()).filter((j) => j.key === 'screening.media_verdict:trace-retried')).toHaveLength(1);
  });

  it('other events are acknowledged and ignored', async () => {
    const res = await pushToServer(
      plain.app.url,
      { MsgType: 'event', Event: 'user_enter_tempsession' },
      { token: TOKEN },
    );
    expect(res).toEqual({ status: 200, text: 'success' });
  });

  it('安全 mode: decrypts with the current or the previous EncodingAESKey; refuses a bad msg_signature or appid', async () => {
    const before = (await verdictJobs(safe.app)).length;
    const ok = await pushToServer(safe.app.url, mediaCheckEvent('trace-aes', 'pass'), {
      token: TOKEN,
      aesKey: KEY,
      appid: APPID,
    });
    expect(ok).toEqual({ status: 200, text: 'success' });
    const rotated = await pushToServer(safe.app.url, mediaCheckEvent('trace-aes-old', 'pass'), {
      token: TOKEN,
      aesKey: OLD_KEY,
      appid: APPID,
    });
    expect(rotated.status).toBe(200);
    const otherApp = await pushToServer(safe.app.url, mediaCheckEvent('trace-aes-app', 'pass'), {
      token: TOKEN,
      aesKey: KEY,
      appid: 'wxsomeoneelse0001',
    });
    expect(otherApp.status).toBe(403);
    const unknownKey = await pushToServer(safe.app.url, mediaCheckEvent('trace-aes-key', 'pass'), {
      token: TOKEN,
      aesKey: 'QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ',
      appid: APPID,
    });
    expect(unknownKey.status).toBe(403);
    // msg_signature over a different Encrypt: refused before decrypting.
    const ts = '1714036504';
    const nonce = '42';
    const encrypted = encryptPush(KEY, JSON.stringify(mediaCheckEvent('trace-aes-sig', 'pass')), APPID);
    const q = new URLSearchParams({
      signature: pushSignature(TOKEN, ts, nonce),
      timestamp: ts,
      nonce,
      encrypt_type: 'aes',
      msg_signature: pushSignature(TOKEN, ts, nonce, `${encrypted}x`),
    });
    const forged = await fetch(`${safe.app.url}/api/wechat/push?${q}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Encrypt: encrypted }),
    });
    expect(forged.status).toBe(403);
    // A plain push is refused once 安全 mode is configured.
    const plainToSafe = await pushToServer(safe.app.url, mediaCheckEvent('trace-plain', 'pass'), { token: TOKEN });
    expect(plainToSafe.status).toBe(403);
    const keys = (await verdictJobs(safe.app)).slice(before).map((j) => j.key);
    expect(keys).toEqual(['screening.media_verdict:trace-aes', 'screening.media_verdict:trace-aes-old']);
  });

  it('round-trips the AES format (16 random bytes, length, message, appid)', () => {
    const opened = decryptPush(KEY, encryptPush(KEY, '{"a":"中文"}', APPID));
    expect(opened).toEqual({ message: '{"a":"中文"}', appid: APPID });
    expect(decryptPush(OLD_KEY, encryptPush(KEY, '{}', APPID))).toBeNull();
  });
});

describe('wxa_media_check verdicts applied', () => {
  /** A post held for two images whose checks went out with these trace ids. */
  async function postWithChecks(traces: string[]) {
    const postId = await insertPost(plain.app, { communityId: a.id, authorId: author.userId });
    for (const traceId of traces) {
      const uploadId = await insertUpload(plain.app, a.id, author.userId);
      await plain.app.database.db
        .insert(mediaChecks)
        .values({ communityId: a.id, uploadId, subject: 'post', subjectId: postId, traceId });
    }
    return postId;
  }
  const postOf = async (id: number) => (await plain.app.database.db.select().from(posts).where(eq(posts.id, id)))[0];
  const push = (traceId: string, suggest: 'pass' | 'review' | 'risky', label?: number | string) =>
    pushToServer(plain.app.url, mediaCheckEvent(traceId, suggest, label), { token: TOKEN });

  it('all pass → visible, only once every image is in', async () => {
    const id = await postWithChecks([`p1-${seq}`, `p2-${seq}`]);
    await push(`p1-${seq}`, 'pass');
    await runJobs();
    expect(await postOf(id)).toMatchObject({ state: 'held', heldReason: 'images_pending' });
    await push(`p2-${seq}`, 'pass');
    await runJobs();
    expect(await postOf(id)).toMatchObject({ state: 'visible', heldReason: null });
    seq++;
  });

  it('one risky → rejected with a plain reason, a moderation_log row (screening) and a message to the author', async () => {
    const id = await postWithChecks([`r1-${seq}`, `r2-${seq}`]);
    await push(`r1-${seq}`, 'pass');
    // The label sometimes comes as a string.
    await push(`r2-${seq}`, 'risky', '20002');
    // WeChat retries the same push: still one verdict, one log row.
    await push(`r2-${seq}`, 'risky', '20002');
    await runJobs();
    expect(await postOf(id)).toMatchObject({ state: 'rejected', heldReason: null, stateReason: '图片可能涉及色情' });
    const log = await plain.app.database.db
      .select()
      .from(moderationLog)
      .where(and(eq(moderationLog.subject, 'post'), eq(moderationLog.subjectId, id)));
    expect(log).toMatchObject([{ action: 'rejected', rule: 'screening', reason: '图片可能涉及色情', actorId: null }]);
    const told = await plain.app.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, author.userId), eq(messages.key, `screening.rejected:post:${id}`)));
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('图片可能涉及色情');
    seq++;
  });

  it('review → stays held, now for a moderator (wechat_review)', async () => {
    const id = await postWithChecks([`v1-${seq}`]);
    await push(`v1-${seq}`, 'review');
    await runJobs();
    expect(await postOf(id)).toMatchObject({ state: 'held', heldReason: 'wechat_review' });
    seq++;
  });

  it('a verdict for an item a moderator already decided changes nothing', async () => {
    const id = await postWithChecks([`m1-${seq}`]);
    await plain.app.database.db.update(posts).set({ state: 'visible', heldReason: null }).where(eq(posts.id, id));
    await push(`m1-${seq}`, 'risky');
    await runJobs();
    expect(await postOf(id)).toMatchObject({ state: 'visible' });
    const [check] = await plain.app.database.db
      .select()
      .from(mediaChecks)
      .where(eq(mediaChecks.traceId, `m1-${seq}`));
    expect(check.status).toBe('risky');
    seq++;
  });

  it('a push that overtakes its trace_id being stored is retried until the check is there', async () => {
    await push(`late-${seq}`, 'pass');
    await runJobs();
    const [job] = (await verdictJobs()).filter((j) => j.key === `screening.media_verdict:late-${seq}`);
    expect(job.status).toBe('queued');
    expect(job.lastError).toContain('no media check');
    seq++;
  });
});

import { eq, sql } from 'drizzle-orm';
import type { HeldReason } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { boardSettings, screeningUsage, users } from '../../db/schema';
import type { SecCheckResult } from '../../wechat/adapter';
import { findListedWords } from './matcher';

export interface ScreenTextRequest {
  communityId: number;
  /** The author: their openid goes to WeChat. */
  userId: number;
  /** Everything the item says (body, place, title …), checked together. */
  texts: string[];
}

/** Publish at once, or hold for a moderator (审核中) for the reason given. */
export type ScreenVerdict = { state: 'visible'; heldReason: null } | { state: 'held'; heldReason: HeldReason };

/** msgSecCheck's scene for a forum (论坛). */
const FORUM_SCENE = 3;
/** msgSecCheck takes at most this many characters at once. */
const SEC_CHECK_MAX = 2500;
export const DEFAULT_DAILY_LIMIT = 2000;

/** WeChat's labels in words a resident understands; WeChat's own text is never shown. */
const labelReasons: Record<number, string> = {
  10001: '广告',
  20001: '时政敏感',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '侵犯版权',
};

/** The plain reason of a WeChat label (a number, sometimes sent as a string). */
export function labelReason(label: number | string | null | undefined): string {
  return labelReasons[Number(label)] ?? '不适宜公开';
}

const visible: ScreenVerdict = { state: 'visible', heldReason: null };
const held = (heldReason: HeldReason): ScreenVerdict => ({
  state: 'held',
  heldReason,
});

/** The China-time calendar day of `now`, as YYYY-MM-DD. */
export const chinaDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Pieces of at most SEC_CHECK_MAX characters (code points), the texts joined by line breaks. */
export function secCheckChunks(texts: readonly string[]): string[] {
  const all = Array.from(texts.filter((t) => t.trim() !== '').join('\n'));
  const chunks: string[] = [];
  for (let i = 0; i < all.length; i += SEC_CHECK_MAX) chunks.push(all.slice(i, i + SEC_CHECK_MAX).join(''));
  return chunks;
}

/**
 * Counts one msgSecCheck call against the community's daily ceiling, atomically: the row's
 * count only goes up while it is under the limit. False when the ceiling is reached.
 */
export async function takeSecCheckCall(ctx: ServiceContext, communityId: number): Promise<boolean> {
  const db = ctx.deps.database.db;
  const [settings] = await db
    .select({ limit: boardSettings.secCheckDailyLimit })
    .from(boardSettings)
    .where(eq(boardSettings.communityId, communityId));
  const limit = settings?.limit ?? DEFAULT_DAILY_LIMIT;
  if (limit <= 0) return false;
  const rows = await db
    .insert(screeningUsage)
    .values({ communityId, day: chinaDay(ctx.deps.clock()), calls: 1 })
    .onConflictDoUpdate({
      target: [screeningUsage.communityId, screeningUsage.day],
      set: { calls: sql`${screeningUsage.calls} + 1` },
      setWhere: sql`${screeningUsage.calls} < ${limit}`,
    })
    .returning({ calls: screeningUsage.calls });
  return rows.length > 0;
}

const TIMED_OUT: SecCheckResult = { ok: false, errcode: null };

async function withTimeout(work: Promise<SecCheckResult>, ms: number): Promise<SecCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SecCheckResult>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Screens text (docs/decisions/018-screening.md). Step 1, the word lists: a match is refused
 * with the words named. Step 2, WeChat (real adapter and an author with an openid only):
 * pass → visible, risky → refused with a plain reason, review → held; an error, a timeout or
 * the community's daily ceiling → held, never published unchecked.
 */
export async function screenText(ctx: ServiceContext, request: ScreenTextRequest): Promise<ScreenVerdict> {
  const { deps } = ctx;
  const words = await findListedWords(deps.database, request.communityId, request.texts);
  if (words.length > 0) {
    throw new AppError('CONTENT_REJECTED', `含有不允许的词：${words.join('、')}，请修改后再发`, {
      source: 'words',
      words,
    });
  }
  if (deps.wechat.kind === 'local') return visible;
  const [author] = await deps.database.db
    .select({ openid: users.openid })
    .from(users)
    .where(eq(users.id, request.userId));
  // Staff accounts sign in with a password and have no openid for WeChat to check against.
  if (!author?.openid) return visible;
  let verdict = visible;
  for (const content of secCheckChunks(request.texts)) {
    if (!(await takeSecCheckCall(ctx, request.communityId))) {
      deps.logger.warn('screening: daily msgSecCheck ceiling reached; held', { communityId: request.communityId });
      return held('quota');
    }
    const result = await withTimeout(
      deps.wechat.msgSecCheck(author.openid, content, FORUM_SCENE).catch(() => TIMED_OUT),
      deps.config.SCREENING_TIMEOUT_MS,
    );
    if (!result.ok) {
      deps.logger.warn('screening: msgSecCheck unavailable; held', { errcode: result.errcode });
      return held('wechat_unavailable');
    }
    if (result.suggest === 'risky') {
      const reason = labelReason(result.label);
      throw new AppError('CONTENT_REJECTED', `内容可能涉及${reason}，没有发出，请修改后再发`, {
        source: 'wechat',
        reason,
      });
    }
    // A later piece may still be risky: keep checking.
    if (result.suggest === 'review') verdict = held('wechat_review');
  }
  return verdict;
}

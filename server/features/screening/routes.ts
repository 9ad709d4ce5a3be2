import * as c from '../../../shared/contracts/screening';
import type { Mount } from '../../http/route';
import { receivePush, verifyUrl } from './push';
import * as words from './words';

const text = (value: string) => ({
  filename: 'reply.txt',
  contentType: 'text/plain',
  inline: true,
  bytes: Buffer.from(value, 'utf8'),
});

export function register(mount: Mount) {
  mount(c.listCommunityWords, ({ params }, ctx) => words.listCommunityWords(ctx, params.communityId));
  mount(c.addCommunityWords, ({ params, body }, ctx) =>
    words.addWords(ctx, params.communityId, c.wordLines(body.words)),
  );
  mount(c.removeCommunityWord, ({ params }, ctx) => words.removeWord(ctx, params.communityId, params.wordId));
  mount(c.listPlatformWords, (_input, ctx) => words.listPlatformWords(ctx));
  mount(c.addPlatformWords, ({ body }, ctx) => words.addWords(ctx, null, c.wordLines(body.words)));
  mount(c.removePlatformWord, ({ params }, ctx) => words.removeWord(ctx, null, params.wordId));
  // WeChat reads the reply as plain text: echostr itself, then "success".
  mount(c.verifyPushUrl, async ({ query }, ctx) => text(verifyUrl(ctx, query)));
  mount(c.receivePush, async ({ query, body }, ctx) => text(await receivePush(ctx, query, body)));
}

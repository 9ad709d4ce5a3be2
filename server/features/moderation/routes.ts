import * as c from '../../../shared/contracts/moderation';
import type { Mount } from '../../http/route';
import { appeal } from './appeals';
import { decide } from './decisions';
import * as mutes from './mutes';
import { publicLog } from './public-log';
import { reviewQueue } from './queue';
import { report } from './reports';
import { getSettings, putSettings } from './settings';

export function register(mount: Mount) {
  mount(c.reportItem, ({ params, body }, ctx) => report(ctx, params.communityId, body));
  mount(c.appealItem, ({ params, body }, ctx) => appeal(ctx, params.communityId, body));
  mount(c.getReviewQueue, ({ params, query }, ctx) => reviewQueue(ctx, params.communityId, query));
  mount(c.decideItem, ({ params, body }, ctx) =>
    decide(ctx, params.communityId, params.subject, params.subjectId, body),
  );
  mount(c.listMutes, ({ params }, ctx) => mutes.listMutes(ctx, params.communityId));
  mount(c.muteMember, ({ params, body }, ctx) => mutes.mute(ctx, params.communityId, body));
  mount(c.liftMute, ({ params }, ctx) => mutes.lift(ctx, params.communityId, params.muteId));
  mount(c.moderationLogRoute, ({ params, query }, ctx) => publicLog(ctx, params.communityId, query));
  mount(c.getBoardSettings, ({ params }, ctx) => getSettings(ctx, params.communityId));
  mount(c.putBoardSettings, ({ params, body }, ctx) => putSettings(ctx, params.communityId, body));
}

import * as c from '../../../shared/contracts/auth';
import type { Mount } from '../../http/route';
import * as auth from './service';

export function register(mount: Mount, limiters: auth.SignInLimiters) {
  mount(c.wechatSignIn, ({ body }, ctx) => auth.signInWithWechat(ctx, limiters, body.code));
  mount(c.passwordSignIn, ({ body }, ctx) => auth.signInWithPassword(ctx, limiters, body.username, body.password));
  mount(c.getMe, (_, ctx) => auth.getMe(ctx));
  mount(c.setCurrentCommunity, ({ body }, ctx) => auth.setCurrentCommunity(ctx, body.communityId));
  mount(c.listSessions, (_, ctx) => auth.listSessions(ctx));
  mount(c.logout, async (_, ctx) => auth.revokeSessions(ctx, 'current').then(() => null));
  mount(c.logoutAll, async (_, ctx) => auth.revokeSessions(ctx, 'all').then(() => null));
  mount(c.revokeSession, async ({ params }, ctx) => auth.revokeSessions(ctx, params.sessionId).then(() => null));
}

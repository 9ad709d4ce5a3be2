import * as c from '../../../shared/contracts/auth';
import type { Mount } from '../../app';
import * as auth from './service';

export function register(mount: Mount, limiters: auth.SignInLimiters) {
  mount(c.wechatSignIn, ({ body }, scope) => auth.signInWithWechat(scope, limiters, body.code));
  mount(c.passwordSignIn, ({ body }, scope) => auth.signInWithPassword(scope, limiters, body.username, body.password));
  mount(c.getMe, (_, scope) => auth.getMe(scope));
  mount(c.setCurrentCommunity, ({ body }, scope) => auth.setCurrentCommunity(scope, body.communityId));
  mount(c.listSessions, (_, scope) => auth.listSessions(scope));
  mount(c.logout, async (_, scope) => auth.revokeSessions(scope, 'current').then(() => null));
  mount(c.logoutAll, async (_, scope) => auth.revokeSessions(scope, 'all').then(() => null));
  mount(c.revokeSession, async ({ params }, scope) => auth.revokeSessions(scope, params.sessionId).then(() => null));
}

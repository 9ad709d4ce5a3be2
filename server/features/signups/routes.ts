import * as c from '../../../shared/contracts/signups';
import type { Mount } from '../../http/route';
import { markAttended, signupRoster, signupRosterXlsx } from './roster';
import { cancelMySignup, cancelSignupByStaff, listMySignups, signUp } from './service';

export function register(mount: Mount) {
  mount(c.signUp, ({ params, body }, ctx) => signUp(ctx, params.communityId, params.noticeId, body.people));
  mount(c.cancelMySignup, ({ params }, ctx) => cancelMySignup(ctx, params.communityId, params.noticeId));
  mount(c.listMySignups, ({ query }, ctx) => listMySignups(ctx, query));
  mount(c.signupRoster, ({ params }, ctx) => signupRoster(ctx, params.communityId, params.noticeId));
  mount(c.markAttended, ({ params, body }, ctx) =>
    markAttended(ctx, params.communityId, params.noticeId, params.signupId, body.attended),
  );
  mount(c.cancelSignup, ({ params, body }, ctx) =>
    cancelSignupByStaff(ctx, params.communityId, params.noticeId, params.signupId, body.reason),
  );
  mount(c.signupRosterXlsx, ({ params }, ctx) => signupRosterXlsx(ctx, params.communityId, params.noticeId));
}

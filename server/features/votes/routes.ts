import { queryFlag } from '../../../shared/contracts/common';
import * as c from '../../../shared/contracts/votes';
import type { Mount } from '../../http/route';
import * as ballots from './ballots';
import { cancelVote, createVote } from './create';
import { listElectors } from './electors';
import { exportBallots } from './export';
import { registerGroup } from './group';
import * as proxies from './proxies';
import * as views from './views';

export function register(mount: Mount) {
  mount(c.listVotes, ({ params, query }, ctx) => views.listVotes(ctx, params.communityId, query));
  mount(c.createVote, ({ params, body }, ctx) => createVote(ctx, params.communityId, body));
  mount(c.listStaffVotes, ({ params, query }, ctx) => views.listStaffVotes(ctx, params.communityId, query));
  mount(c.acceptProxy, ({ params, body }, ctx) => proxies.acceptProxy(ctx, params.communityId, body.code));
  mount(c.getVote, ({ params, query }, ctx) => views.getVote(ctx, params.communityId, params.voteId, query.group));
  mount(c.getVoteResult, ({ params }, ctx) => views.getVoteResult(ctx, params.communityId, params.voteId));
  mount(c.castBallot, ({ params, body }, ctx) => ballots.castBallot(ctx, params.communityId, params.voteId, body));
  mount(c.grantProxy, ({ params, body }, ctx) =>
    proxies.grantProxy(ctx, params.communityId, params.voteId, body.uploadId),
  );
  mount(c.revokeProxy, ({ params }, ctx) => proxies.revokeProxy(ctx, params.communityId, params.voteId));
  mount(c.registerGroup, ({ params, body }, ctx) => registerGroup(ctx, params.communityId, params.voteId, body));
  mount(c.cancelVote, ({ params, body }, ctx) => cancelVote(ctx, params.communityId, params.voteId, body.reason));
  mount(c.listElectors, ({ params, query }, ctx) =>
    listElectors(ctx, params.communityId, params.voteId, { ...query, voted: queryFlag(query.voted) }),
  );
  mount(c.recordPaperBallot, ({ params, body }, ctx) =>
    ballots.recordPaperBallot(ctx, params.communityId, params.voteId, body),
  );
  mount(c.recordService, ({ params, body }, ctx) =>
    ballots.recordService(ctx, params.communityId, params.voteId, body),
  );
  mount(c.exportBallots, ({ params }, ctx) => exportBallots(ctx, params.communityId, params.voteId));
}

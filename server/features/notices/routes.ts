import * as c from '../../../shared/contracts/notices';
import type { Mount } from '../../http/route';
import * as manage from './manage';
import { readFigures } from './reads';
import { noticeReadsXlsx } from './reads-xlsx';
import * as resident from './resident';

export function register(mount: Mount) {
  // The committee's list before the detail, whose :noticeId would take "manage".
  mount(c.listNoticesAdmin, ({ params, query }, ctx) => manage.listForCommittee(ctx, params.communityId, query));
  mount(c.getNoticeAdmin, ({ params }, ctx) => manage.getForCommittee(ctx, params.communityId, params.noticeId));
  mount(c.createNotice, ({ params, body }, ctx) => manage.createNotice(ctx, params.communityId, body));
  mount(c.updateNotice, ({ params, body }, ctx) => manage.updateNotice(ctx, params.communityId, params.noticeId, body));
  mount(c.publishNotice, ({ params, body }, ctx) =>
    manage.publishNotice(ctx, params.communityId, params.noticeId, body.at),
  );
  mount(c.unscheduleNotice, ({ params }, ctx) => manage.unscheduleNotice(ctx, params.communityId, params.noticeId));
  mount(c.withdrawNotice, ({ params, body }, ctx) =>
    manage.withdrawNotice(ctx, params.communityId, params.noticeId, body.reason),
  );
  mount(c.noticeReads, ({ params }, ctx) => readFigures(ctx, params.communityId, params.noticeId));
  mount(c.noticeReadsXlsx, ({ params }, ctx) => noticeReadsXlsx(ctx, params.communityId, params.noticeId));
  mount(c.listNotices, ({ params, query }, ctx) => resident.listNotices(ctx, params.communityId, query));
  mount(c.getNotice, ({ params }, ctx) => resident.getNotice(ctx, params.communityId, params.noticeId));
}

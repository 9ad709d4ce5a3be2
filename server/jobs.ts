import { boardJobs } from './features/board/jobs';
import { noticeJobs, noticeOutboxKinds } from './features/notices/announce';
import { rentalJobs } from './features/rentals/jobs';
import { topicJobs } from './features/topics/jobs';
import { voteJobs } from './features/votes/jobs';
import { type JobRegistry, platformJobs } from './platform/jobs';
import { builtinOutboxKinds } from './platform/outbox';
import { screeningPlatformJobs } from './platform/screening';

/**
 * Every job this server runs: the platform's (outbox delivery with every outbox receiver,
 * cleanup, WeChat subscribe sends) and the features'. main.ts starts a runner on it;
 * tests build theirs from it too.
 */
export function appJobs(): JobRegistry {
  return {
    ...platformJobs({ ...builtinOutboxKinds, ...noticeOutboxKinds }),
    ...noticeJobs(),
    ...boardJobs(),
    ...screeningPlatformJobs(),
    ...voteJobs(),
    ...topicJobs(),
    ...rentalJobs(),
  };
}

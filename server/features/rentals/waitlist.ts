import type { JobRegistry } from '../../platform/jobs';

export const waitlistJobs = (): JobRegistry => ({});

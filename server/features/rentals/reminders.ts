import type { JobRegistry } from '../../platform/jobs';

export const reminderJobs = (): JobRegistry => ({});

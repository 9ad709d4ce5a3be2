import type { JobRegistry } from '../../platform/jobs';
import { reminderJobs } from './reminders';
import { waitlistJobs } from './waitlist';

/** 社区租赁's background jobs: waiting-list offers and their expiry, due and overdue reminders. */
export const rentalJobs = (): JobRegistry => ({ ...waitlistJobs(), ...reminderJobs() });

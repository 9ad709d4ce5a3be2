import { accountLockedDetails, badCredentialsDetails } from '../../../../shared/contracts/auth';
import { chinaClock, monthDay } from '../../../../shared/domain/office-hours';
import type { ApiError } from '../../../api/client';

/** The lock end the server told us, per username: later refusals of a locked account carry none. */
const lockedUntil = new Map<string, string>();

function untilText(iso: string, now: Date): string {
  const until = chinaClock(new Date(iso));
  return until.date === chinaClock(now).date ? until.time : `${monthDay(until.date)} ${until.time}`;
}

/** What the password field says after a refused sign-in: tries left, or until when it is locked. */
export function refusalMessage(error: ApiError, username: string, now = new Date()): string {
  const key = username.trim().toLowerCase();
  if (error.code === 'BAD_CREDENTIALS') {
    const details = badCredentialsDetails.safeParse(error.details);
    if (!details.success) return error.message;
    const left = details.data.remaining;
    return `用户名或密码不对。还可以再试 ${left} 次，再错就会锁定一段时间。`;
  }
  if (error.code === 'ACCOUNT_LOCKED') {
    const details = accountLockedDetails.safeParse(error.details);
    if (details.success) lockedUntil.set(key, details.data.lockedUntil);
    const until = lockedUntil.get(key);
    if (until && new Date(until) > now) return `密码错了太多次，账号已锁定，请在 ${untilText(until, now)} 以后再试。`;
    return error.message;
  }
  return error.message;
}

import {
  type NoticeAdmin,
  type NoticeInput,
  noticeInput,
  type SignupSettings,
  signupSettings,
} from '../../../../shared/contracts/notices';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import type { NoticeAudience, NoticeCategory } from '../../../../shared/enums';
import { checkWith, type FieldErrors, optionalNumber } from '../../../lib/validation';

/**
 * The compose form's state and its check against the contract (noticeInput): the page refuses
 * exactly what the server would. Dates are typed as 2026-12-05 and times as 14:30, China time.
 */

export interface NoticeForm {
  title: string;
  body: string;
  category: NoticeCategory;
  isPublic: boolean;
  audience: NoticeAudience;
  buildingIds: number[];
  /** Pinned through the end of this day ('' = not pinned). */
  pinDate: string;
  /** Shown until the end of this day ('' = no end). */
  expiryDate: string;
  attachments: UploadReply[];
  signupOn: boolean;
  capacity: string;
  deadlineDate: string;
  deadlineTime: string;
  maxPeople: string;
}

export type NoticeField =
  | 'title'
  | 'body'
  | 'category'
  | 'isPublic'
  | 'audience'
  | 'buildingIds'
  | 'pinnedUntil'
  | 'expiresAt'
  | 'uploadIds'
  | 'signup'
  | 'capacity'
  | 'deadline'
  | 'maxPeople';

export const emptyForm: NoticeForm = {
  title: '',
  body: '',
  category: 'notice',
  isPublic: false,
  audience: 'all',
  buildingIds: [],
  pinDate: '',
  expiryDate: '',
  attachments: [],
  signupOn: false,
  capacity: '',
  deadlineDate: '',
  deadlineTime: '',
  maxPeople: '2',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-12-05 in China time. */
export function chinaDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 14:30 in China time. */
export function chinaTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** A typed date and time as a moment the contract reads ('' when either is not in shape). */
export function moment(date: string, time: string): string {
  const d = date.trim();
  const t = time.trim();
  return DATE.test(d) && TIME.test(t) ? `${d}T${t}:00+08:00` : `${d}T${t}`;
}

/** The end of a typed day (a pin or an expiry lasts through that day). */
const endOfDay = (date: string) => (date.trim() ? moment(date, '23:59') : null);

/**
 * The form from a notice: to edit it, or (`copy`) as a new draft — same words, audience,
 * attachments (the same upload ids) and sign-up settings; dates that have passed are left out.
 */
export function fromNotice(n: NoticeAdmin, copy: boolean, now = Date.now()): NoticeForm {
  const keep = (iso: string | null) => (iso && (!copy || Date.parse(iso) > now) ? iso : null);
  const deadline = n.signup ? keep(n.signup.deadline) : null;
  return {
    title: n.title,
    body: n.body,
    category: n.category,
    isPublic: n.isPublic,
    audience: n.audience,
    buildingIds: n.buildingIds,
    pinDate: chinaDate(keep(n.pinnedUntil)),
    expiryDate: chinaDate(keep(n.expiresAt)),
    attachments: n.attachments,
    signupOn: n.signup !== null,
    capacity: n.signup ? String(n.signup.capacity) : '',
    deadlineDate: chinaDate(deadline),
    deadlineTime: chinaTime(deadline),
    maxPeople: n.signup ? String(n.signup.maxPeople) : emptyForm.maxPeople,
  };
}

/** What the form sends, before the contract's check (which trims and turns dates into ISO). */
export function formInput(form: NoticeForm) {
  const takesSignups = form.category === 'event' && form.signupOn;
  return {
    title: form.title,
    body: form.body,
    category: form.category,
    isPublic: form.isPublic,
    audience: form.audience,
    buildingIds: form.audience === 'buildings' ? form.buildingIds : [],
    pinnedUntil: endOfDay(form.pinDate),
    expiresAt: endOfDay(form.expiryDate),
    uploadIds: form.attachments.map((a) => a.id),
    signup: takesSignups
      ? {
          capacity: optionalNumber(form.capacity),
          deadline:
            form.deadlineDate.trim() || form.deadlineTime.trim() ? moment(form.deadlineDate, form.deadlineTime) : '',
          maxPeople: optionalNumber(form.maxPeople),
        }
      : null,
  };
}

/** The contract's check, with the sign-up settings' messages on their own fields. */
export function checkNotice(form: NoticeForm): { errors: FieldErrors<NoticeField>; body: NoticeInput | null } {
  const input = formInput(form);
  const extra: FieldErrors<NoticeField> = {};
  // The contract's cross-field rules run only once every field is right: say this one at once.
  if (input.audience === 'buildings' && input.buildingIds.length === 0) extra.buildingIds = '请至少选择一栋楼';
  if (input.signup) {
    const sub = checkWith<SignupSettings, 'capacity' | 'deadline' | 'maxPeople'>(signupSettings, input.signup, {
      override: { deadline: '请填写报名截止的日期和时间，例如 2026-12-05 和 18:00' },
    });
    Object.assign(extra, sub.errors);
  }
  const checked = checkWith<NoticeInput, NoticeField>(noticeInput, input, { extra });
  const errors = { ...checked.errors };
  if (errors.capacity || errors.deadline || errors.maxPeople) delete errors.signup;
  return { errors, body: checked.body };
}

/** Whom it goes to, in words: 全社区, or the chosen buildings' names. */
export function audienceText(form: NoticeForm, buildings: { id: number; name: string }[]): string {
  if (form.audience === 'all') return '全社区';
  const names = buildings.filter((b) => form.buildingIds.includes(b.id)).map((b) => b.name);
  return names.length ? names.join('、') : '（还没有选楼栋）';
}

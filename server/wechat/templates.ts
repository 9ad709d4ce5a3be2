import type { SubscribeTemplate } from '../../shared/enums';
import type { Config } from '../config';

/**
 * The WeChat subscribe-message templates (订阅消息) the app sends, in one place
 * (docs/decisions/016-subscribe-messages.md).
 *
 * The operator picks each template in the mini-program console (订阅消息 → 公共模板库)
 * and gives its id to the server by environment variable. A template's keys (thing1,
 * time2, …) are fixed by the template WeChat offers, so the console choice must have
 * the keys listed here with the meaning given; when the chosen template numbers its
 * keys differently, change `keys` below (one line per field) — nothing else moves.
 *
 * | template        | env variable                     | keys (what each carries)                                              |
 * | --------------- | -------------------------------- | --------------------------------------------------------------------- |
 * | review_result   | WECHAT_TEMPLATE_REVIEW_RESULT    | thing1 申请内容 (加入某社区), phrase2 审核结果 (已通过/未通过/已移出), thing3 备注, time4 审核时间 |
 * | event_reminder  | WECHAT_TEMPLATE_EVENT_REMINDER   | thing1 活动名称, phrase2 报名状态 (报名成功/候补中/候补成功), time3 报名截止时间 |
 * | urgent_notice   | WECHAT_TEMPLATE_URGENT_NOTICE    | thing1 通知标题, thing2 发布单位 (居委会), time3 发布时间, thing4 内容摘要 |
 * | post_reply      | WECHAT_TEMPLATE_POST_REPLY       | thing1 留言内容, thing2 回复内容, thing3 回复人 (居委会), time4 回复时间 |
 * | matter_progress | WECHAT_TEMPLATE_MATTER_PROGRESS  | thing1 事项, phrase2 办理状态 (已受理/处理中/已办结), thing3 处理人, time4 更新时间 |
 * | vote_reminder   | WECHAT_TEMPLATE_VOTE_REMINDER    | thing1 投票主题, time2 截止时间, thing3 温馨提示 |
 * | topic_progress  | WECHAT_TEMPLATE_TOPIC_PROGRESS   | thing1 议题, phrase2 进展 (已采纳/投票中/已公示/实施中/已完成), thing3 说明, time4 更新时间 |
 * | rental_reminder | WECHAT_TEMPLATE_RENTAL_REMINDER  | thing1 器具名称, phrase2 状态 (已确认/已拒绝/可以借了/快到期/已逾期), time3 日期, thing4 温馨提示 |
 *
 * A template without an id configured is never sent: consent for it is refused (400)
 * and its messages reach the message centre only.
 */
export const templateEnv = {
  review_result: 'WECHAT_TEMPLATE_REVIEW_RESULT',
  event_reminder: 'WECHAT_TEMPLATE_EVENT_REMINDER',
  urgent_notice: 'WECHAT_TEMPLATE_URGENT_NOTICE',
  post_reply: 'WECHAT_TEMPLATE_POST_REPLY',
  matter_progress: 'WECHAT_TEMPLATE_MATTER_PROGRESS',
  vote_reminder: 'WECHAT_TEMPLATE_VOTE_REMINDER',
  topic_progress: 'WECHAT_TEMPLATE_TOPIC_PROGRESS',
  rental_reminder: 'WECHAT_TEMPLATE_RENTAL_REMINDER',
} as const satisfies Record<SubscribeTemplate, keyof Config>;

/** WeChat's template id for a template, or null when this server has none configured. */
export const templateId = (config: Config, template: SubscribeTemplate): string | null =>
  config[templateEnv[template]] ?? null;

/** The keys of each template's fields: change here if the console's template numbers them otherwise. */
export const keys = {
  review_result: { subject: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' },
  event_reminder: { name: 'thing1', status: 'phrase2', deadline: 'time3' },
  urgent_notice: { title: 'thing1', publisher: 'thing2', time: 'time3', excerpt: 'thing4' },
  post_reply: { post: 'thing1', reply: 'thing2', replier: 'thing3', time: 'time4' },
  matter_progress: { matter: 'thing1', status: 'phrase2', handler: 'thing3', time: 'time4' },
  vote_reminder: { title: 'thing1', deadline: 'time2', hint: 'thing3' },
  topic_progress: { topic: 'thing1', stage: 'phrase2', note: 'thing3', time: 'time4' },
  rental_reminder: { item: 'thing1', status: 'phrase2', date: 'time3', hint: 'thing4' },
} as const satisfies Record<SubscribeTemplate, Record<string, string>>;

/**
 * Length limits of WeChat's key types (WECHAT-API.md): a value over the limit makes
 * WeChat refuse the whole message (47003), so values are cut to fit with an ellipsis.
 */
const limits: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phrase: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
};

/** Cuts a value to what its key's type allows (`thing3` → 20 characters). */
export function fitField(key: string, value: string): string {
  const type = key.replace(/\d+$/, '');
  const max = limits[type];
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  if (max === undefined || chars.length <= max) return chars.join('');
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** Every field of a message cut to fit. */
export const fitData = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, fitField(k, v)]));

/** A time as WeChat's `time` fields take it, in China's time (UTC+8): 2026年12月1日 09:05. */
export function wechatTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

type Fields<T extends SubscribeTemplate> = { [K in keyof (typeof keys)[T]]: string };

/** A template's data from named fields: `templateData('urgent_notice', { title, … })` → `{ thing1: …, … }`. */
export function templateData<T extends SubscribeTemplate>(template: T, fields: Fields<T>): Record<string, string> {
  const map = keys[template] as Record<string, string>;
  return fitData(
    Object.fromEntries(Object.entries(fields as Record<string, string>).map(([name, value]) => [map[name], value])),
  );
}

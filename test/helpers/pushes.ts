import type { RecordedDelivery } from '../../src/channels/recording-channel.ts';
import { isoLocal } from '../../src/domain/calendar.ts';
import type { Chat } from './chat.ts';

const SCHEDULED = /^(【补发】)?【(今日提醒|到期提醒|逾期提醒|重大隐患逾期|每日安全汇总|每周安全小结)】/;

/** The scheduled pushes sent so far (not replies, not the notices a command pushes), from index `from`. */
export function scheduledPushes(chat: Chat, from = 0): RecordedDelivery[] {
  return chat.channel.sent.slice(from).filter((d) => d.kind === 'push' && SCHEDULED.test(d.text));
}

/** `12-07 09:00 [群] @张伟 @李强 【到期提醒】`: when, where, who is pinged, and the title. */
export function pushHeadline(d: RecordedDelivery): string {
  const at = isoLocal(d.at).slice(5, 16).replace('T', ' ');
  const mentions = d.mentions.map((p) => ` @${p.name}`).join('');
  return `${at} [${d.group?.name ?? d.person?.name ?? '?'}]${mentions} ${d.text.split('\n')[0] ?? ''}`;
}

/** The numbered item lines of a push, shortened to `YH-0001 … ｜…` as written. */
export function itemLines(d: RecordedDelivery): string[] {
  return d.text.split('\n').filter((l) => /^\d+\. /.test(l));
}

import { createHmac } from 'node:crypto';
import { RateLimitedError } from '../core/channel.ts';

/** A group's custom robot (自定义机器人): its webhook's access token and, with 加签, its secret. */
export interface DingTalkWebhook {
  accessToken: string;
  secret?: string;
}

/** DingTalk's "send too fast" (over 20 a minute per robot; the robot is then held ten minutes). */
export const DINGTALK_RATE_LIMITED = 130101;

/** The body of a robot message, as the custom robot and the session webhook both take it. */
export type DingTalkRobotBody =
  | { msgtype: 'text'; text: { content: string }; at: DingTalkAt }
  | { msgtype: 'markdown'; markdown: { title: string; text: string }; at: DingTalkAt };

export interface DingTalkAt {
  atUserIds: string[];
  atMobiles: string[];
  isAtAll: false;
}

/** Someone to mention: their DingTalk userId, else their mobile, else just the name in the text. */
export interface DingTalkMention {
  name: string;
  userId: string | null;
  mobile: string | null;
}

/**
 * The 加签 signature: Base64(HMAC-SHA256(key = secret, message = `${timestamp}\n${secret}`)).
 * URL-encoding is left to whoever builds the URL.
 */
export function signDingTalk(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** The custom robot's send URL, signed at `now` when the robot has a secret. */
export function customRobotUrl(oapiBase: string, webhook: DingTalkWebhook, now: Date): string {
  const url = new URL('/robot/send', oapiBase);
  url.searchParams.set('access_token', webhook.accessToken);
  if (webhook.secret) {
    const timestamp = now.getTime();
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', signDingTalk(timestamp, webhook.secret));
  }
  return url.toString();
}

/**
 * A robot message: the mentioned are named `@userId` (DingTalk shows their names) and listed in
 * `at`; people without a DingTalk id are written `@姓名` so the text still reads right.
 */
export function dingTalkBody(text: string, mentions: readonly DingTalkMention[], options: { markdown?: boolean; title?: string } = {}): DingTalkRobotBody {
  const at: DingTalkAt = { atUserIds: [], atMobiles: [], isAtAll: false };
  const tags = mentions.map((m) => {
    if (m.userId) {
      at.atUserIds.push(m.userId);
      return `@${m.userId}`;
    }
    if (m.mobile) {
      at.atMobiles.push(m.mobile);
      return `@${m.mobile}`;
    }
    return `@${m.name}`;
  });
  if (options.markdown) {
    const title = options.title ?? (text.split('\n')[0] ?? '').replace(/^#+\s*/, '').slice(0, 30);
    return { msgtype: 'markdown', markdown: { title: title || '隐患清零', text: tags.length > 0 ? `${tags.join(' ')}\n\n${text}` : text }, at };
  }
  return { msgtype: 'text', text: { content: tags.length > 0 ? `${tags.join(' ')} ${text}` : text }, at };
}

/**
 * Posts a robot message (custom robot or session webhook) and reads DingTalk's answer: errcode 0
 * is sent, 130101 is "too fast" (RateLimitedError), anything else is an error with DingTalk's words.
 */
export async function postRobotMessage(fetchFn: typeof fetch, url: string, body: DingTalkRobotBody): Promise<void> {
  const response = await fetchFn(url, {
    method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`钉钉机器人接口 HTTP ${response.status}`);
  const answer = (await response.json()) as { errcode?: number; errmsg?: string };
  if (answer.errcode === DINGTALK_RATE_LIMITED) throw new RateLimitedError(`钉钉限流 ${answer.errcode}: ${answer.errmsg ?? ''}`, 60_000);
  if (answer.errcode !== undefined && answer.errcode !== 0) throw new Error(`钉钉机器人返回 ${answer.errcode}: ${answer.errmsg ?? ''}`);
}

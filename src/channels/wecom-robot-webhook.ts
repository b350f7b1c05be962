import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { RateLimitedError } from '../core/channel.ts';

/** WeCom's "api freq out of limit": over 20 messages a minute for one group robot. */
export const WECOM_RATE_LIMITED = 45009;
/** The group robot's limits: text 2,048 bytes, markdown 4,096, an image 2 MB before base64. */
export const WECOM_TEXT_BYTES = 2_048;
export const WECOM_MARKDOWN_BYTES = 4_096;
export const WECOM_IMAGE_BYTES = 2 * 1024 * 1024;

export type WeComWebhookBody =
  | { msgtype: 'text'; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'image'; image: { base64: string; md5: string } }
  | { msgtype: 'file'; file: { media_id: string } };

/** Someone to mention: their WeCom userid, else their mobile, else the name in the text. */
export interface WeComMention {
  name: string;
  userId: string | null;
  mobile: string | null;
}

/**
 * A text or markdown message. Text mentions go in `mentioned_list` / `mentioned_mobile_list`;
 * markdown has no such lists, so people with a userid are written `<@userid>` (WeCom renders the
 * mention); anyone else is written `@姓名`.
 */
export function weComBody(text: string, mentions: readonly WeComMention[], markdown = false): WeComWebhookBody {
  if (markdown) {
    const tags = mentions.map((m) => (m.userId ? `<@${m.userId}>` : `@${m.name}`));
    return { msgtype: 'markdown', markdown: { content: tags.length > 0 ? `${tags.join(' ')}\n${text}` : text } };
  }
  const mentioned_list = mentions.flatMap((m) => (m.userId ? [m.userId] : []));
  const mentioned_mobile_list = mentions.flatMap((m) => (!m.userId && m.mobile ? [m.mobile] : []));
  const named = mentions.filter((m) => !m.userId && !m.mobile).map((m) => `@${m.name}`);
  return {
    msgtype: 'text',
    text: {
      content: named.length > 0 ? `${named.join(' ')} ${text}` : text,
      ...(mentioned_list.length > 0 ? { mentioned_list } : {}),
      ...(mentioned_mobile_list.length > 0 ? { mentioned_mobile_list } : {}),
    },
  };
}

/** An image message: the picture's base64 and the md5 of its bytes. */
export function weComImage(data: Buffer): WeComWebhookBody {
  return { msgtype: 'image', image: { base64: data.toString('base64'), md5: createHash('md5').update(data).digest('hex') } };
}

async function answer(response: Response, what: string): Promise<{ media_id?: string }> {
  if (!response.ok) throw new Error(`企业微信${what} HTTP ${response.status}`);
  const body = (await response.json()) as { errcode?: number; errmsg?: string; media_id?: string };
  if (body.errcode === WECOM_RATE_LIMITED) throw new RateLimitedError(`企业微信限流 ${body.errcode}: ${body.errmsg ?? ''}`, 60_000);
  if (body.errcode !== undefined && body.errcode !== 0) throw new Error(`企业微信${what}返回 ${body.errcode}: ${body.errmsg ?? ''}`);
  return body;
}

/** Posts to a group robot (`…/webhook/send?key=KEY`): errcode 0 is sent, 45009 is "too fast". */
export async function postWeComWebhook(fetchFn: typeof fetch, base: string, key: string, body: WeComWebhookBody): Promise<void> {
  const url = new URL('/cgi-bin/webhook/send', base);
  url.searchParams.set('key', key);
  await answer(await fetchFn(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000),
  }), '群机器人');
}

/** A file for the group: pictures within 2 MB go inline, anything else is uploaded as media first. */
export async function weComFileBody(fetchFn: typeof fetch, base: string, key: string, name: string, data: Buffer): Promise<WeComWebhookBody> {
  const ext = extname(name).toLowerCase();
  if (['.jpg', '.jpeg', '.png'].includes(ext) && data.length <= WECOM_IMAGE_BYTES) return weComImage(data);
  const url = new URL('/cgi-bin/webhook/upload_media', base);
  url.searchParams.set('key', key);
  url.searchParams.set('type', 'file');
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(data)]), basename(name));
  const { media_id } = await answer(await fetchFn(url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) }), '上传文件');
  if (!media_id) throw new Error('企业微信上传文件未返回 media_id');
  return { msgtype: 'file', file: { media_id } };
}

import { basename, extname } from 'node:path';
import { RateLimitedError } from '../core/channel.ts';

export interface DingTalkApp {
  /** the app's AppKey (Client ID) and AppSecret (Client Secret) */
  appKey: string;
  appSecret: string;
  /** the app robot's robotCode (usually the AppKey) */
  robotCode: string;
}

/** A message of the enterprise robot's OpenAPI: a template key and its JSON parameters. */
export interface DingTalkApiMessage {
  msgKey: 'sampleText' | 'sampleMarkdown' | 'sampleImageMsg' | 'sampleFile';
  msgParam: Record<string, string>;
}

/**
 * The enterprise (app) robot's OpenAPI: group and one-to-one sends, file download and upload.
 * It cannot @-mention, so it is the last way out for a group; it is the only way to a person's
 * private chat once their session webhook has expired. The token is cached until shortly
 * before it expires.
 */
export class DingTalkOpenApi {
  #token: { value: string; until: number } | null = null;

  constructor(
    private readonly app: DingTalkApp,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly apiBase = 'https://api.dingtalk.com',
    private readonly oapiBase = 'https://oapi.dingtalk.com',
  ) {}

  async accessToken(now = Date.now()): Promise<string> {
    if (this.#token && this.#token.until > now) return this.#token.value;
    const response = await this.fetchFn(`${this.apiBase}/v1.0/oauth2/accessToken`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: this.app.appKey, appSecret: this.app.appSecret }),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await response.json()) as { accessToken?: string; expireIn?: number; message?: string };
    if (!response.ok || !answer.accessToken) throw new Error(`钉钉获取 accessToken 失败：${answer.message ?? response.status}`);
    this.#token = { value: answer.accessToken, until: now + Math.max(60, (answer.expireIn ?? 7200) - 300) * 1000 };
    return answer.accessToken;
  }

  async #post(path: string, body: unknown): Promise<unknown> {
    const token = await this.accessToken();
    const response = await this.fetchFn(`${this.apiBase}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
      body: JSON.stringify(body), signal: AbortSignal.timeout(15_000),
    });
    const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    if (response.ok) return answer;
    if (answer.code?.includes('QpsLimit') || response.status === 429) throw new RateLimitedError(`钉钉接口限流：${answer.code ?? response.status}`);
    // an expired or revoked token: fetch a new one on the next try
    if (response.status === 401 || answer.code?.startsWith('InvalidAuthentication')) this.#token = null;
    throw new Error(`钉钉接口 ${path} 返回 ${response.status} ${answer.code ?? ''} ${answer.message ?? ''}`.trim());
  }

  /** 机器人发送群聊消息 (cannot mention). */
  async sendToGroup(openConversationId: string, message: DingTalkApiMessage): Promise<void> {
    await this.#post('/v1.0/robot/groupMessages/send', {
      robotCode: this.app.robotCode, openConversationId, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam),
    });
  }

  /** 批量发送人与机器人会话中机器人消息 (a private chat). */
  async sendToUsers(userIds: string[], message: DingTalkApiMessage): Promise<void> {
    await this.#post('/v1.0/robot/oToMessages/batchSend', {
      robotCode: this.app.robotCode, userIds, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam),
    });
  }

  /** The bytes of a file or picture someone sent the robot, by its downloadCode. */
  async download(downloadCode: string): Promise<{ data: Buffer; mime: string }> {
    const { downloadUrl } = (await this.#post('/v1.0/robot/messageFiles/download', { downloadCode, robotCode: this.app.robotCode })) as { downloadUrl?: string };
    if (!downloadUrl) throw new Error('钉钉未返回文件下载地址');
    const response = await this.fetchFn(downloadUrl, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`钉钉文件下载 HTTP ${response.status}`);
    return { data: Buffer.from(await response.arrayBuffer()), mime: response.headers.get('content-type')?.split(';')[0] ?? 'application/octet-stream' };
  }

  /** Uploads a file as media and returns the message that shows it (picture or file). */
  async fileMessage(name: string, data: Buffer): Promise<DingTalkApiMessage> {
    const ext = extname(name).slice(1).toLowerCase();
    const image = ['jpg', 'jpeg', 'png', 'gif'].includes(ext);
    const token = await this.accessToken();
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(data)]), basename(name));
    const response = await this.fetchFn(`${this.oapiBase}/media/upload?access_token=${encodeURIComponent(token)}&type=${image ? 'image' : 'file'}`, {
      method: 'POST', body: form, signal: AbortSignal.timeout(60_000),
    });
    const answer = (await response.json()) as { errcode?: number; errmsg?: string; media_id?: string };
    if (!response.ok || !answer.media_id) throw new Error(`钉钉上传文件失败：${answer.errcode ?? response.status} ${answer.errmsg ?? ''}`.trim());
    return image
      ? { msgKey: 'sampleImageMsg', msgParam: { photoURL: answer.media_id } }
      : { msgKey: 'sampleFile', msgParam: { mediaId: answer.media_id, fileName: basename(name), fileType: ext } };
  }
}

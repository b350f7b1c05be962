import { createHmac } from 'node:crypto';
import { vi, expect } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { fixture, sendJson, startLoopback } from './loopback.ts';

/** Everything the fake DingTalk saw, in order: acks on the stream and sends over HTTP. */
export type DingTalkEvent =
  | { type: 'ack'; messageId: string }
  | { type: 'webhook'; accessToken: string; body: any }
  | { type: 'session'; session: string; body: any }
  | { type: 'group-api'; token: string | undefined; body: any }
  | { type: 'user-api'; token: string | undefined; body: any }
  | { type: 'upload'; kind: string };

export interface FakeDingTalkOptions {
  clientId: string;
  clientSecret: string;
  /** custom robots: access token → 加签 secret; a request with a wrong signature is refused like DingTalk does */
  robots: Record<string, string>;
  /** what /files/ serves (a picture someone sent) */
  photo: Buffer;
}

/**
 * DingTalk on 127.0.0.1: the Stream gateway's "open connection" endpoint and its WebSocket, the
 * custom robot webhook (checking the HMAC signature), session webhooks, the OpenAPI token, group
 * and one-to-one sends, and file download. Answers can be scripted (e.g. 130101).
 */
export async function startFakeDingTalk(options: FakeDingTalkOptions) {
  const events: DingTalkEvent[] = [];
  const uploads: Array<{ kind: string; name: string; data: Buffer }> = [];
  const webhookAnswers: Array<{ errcode: number; errmsg: string }> = [];
  const sockets: WebSocket[] = [];
  let streamSeq = 0;
  let webhookRequests = 0;

  const loop = await startLoopback(async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = () => JSON.parse(body.toString('utf8') || '{}');
    if (req.method === 'POST' && url.pathname === '/v1.0/gateway/connections/open') {
      const b = json();
      if (b.clientId !== options.clientId || b.clientSecret !== options.clientSecret) return sendJson(res, 401, { code: 'invalidClient', message: 'bad client' });
      return sendJson(res, 200, { endpoint: `${loop.base.replace('http', 'ws')}/stream`, ticket: 'ticket-1' });
    }
    if (req.method === 'POST' && url.pathname === '/robot/send') {
      webhookRequests += 1;
      const token = url.searchParams.get('access_token') ?? '';
      const secret = options.robots[token];
      if (secret === undefined) return sendJson(res, 200, { errcode: 300001, errmsg: 'token is not exist' });
      const timestamp = Number(url.searchParams.get('timestamp'));
      const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      if (url.searchParams.get('sign') !== expected || Math.abs(Date.now() - timestamp) > 3_600_000) {
        return sendJson(res, 200, { errcode: 310000, errmsg: 'sign not match' });
      }
      const scripted = webhookAnswers.shift();
      if (scripted && scripted.errcode !== 0) return sendJson(res, 200, scripted);
      events.push({ type: 'webhook', accessToken: token, body: json() });
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (req.method === 'POST' && url.pathname === '/robot/sendBySession') {
      events.push({ type: 'session', session: url.searchParams.get('session') ?? '', body: json() });
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/oauth2/accessToken') {
      const b = json();
      if (b.appKey !== options.clientId || b.appSecret !== options.clientSecret) return sendJson(res, 400, { code: 'invalidAppKey', message: 'bad app' });
      return sendJson(res, 200, { accessToken: 'api-token-1', expireIn: 7200 });
    }
    const token = req.headers['x-acs-dingtalk-access-token'] as string | undefined;
    if (req.method === 'POST' && url.pathname === '/v1.0/robot/groupMessages/send') {
      events.push({ type: 'group-api', token, body: json() });
      return sendJson(res, 200, { processQueryKey: 'q-1' });
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/robot/oToMessages/batchSend') {
      events.push({ type: 'user-api', token, body: json() });
      return sendJson(res, 200, { processQueryKey: 'q-2' });
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/robot/messageFiles/download') {
      return sendJson(res, 200, { downloadUrl: `${loop.base}/files/${json().downloadCode}.png` });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      res.setHeader('content-type', 'image/png');
      return void res.end(options.photo);
    }
    if (req.method === 'POST' && url.pathname === '/media/upload') {
      events.push({ type: 'upload', kind: url.searchParams.get('type') ?? '' });
      // the multipart form read as DingTalk reads it: the file under `media`, with its name
      const form = await new Request(url, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: body }).formData();
      const media = form.get('media');
      if (media instanceof File) uploads.push({ kind: url.searchParams.get('type') ?? '', name: media.name, data: Buffer.from(await media.arrayBuffer()) });
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok', media_id: '@media-1', type: url.searchParams.get('type') });
    }
    sendJson(res, 404, { message: `no route ${req.method} ${url.pathname}` });
  });

  const wss = new WebSocketServer({ server: loop.server, path: '/stream' });
  wss.on('connection', (socket, req) => {
    if (!req.url?.includes('ticket=ticket-1')) return socket.close(4001, 'bad ticket');
    sockets.push(socket);
    // a closed connection (an instance killed or stopped) gets nothing more, as on DingTalk
    socket.on('close', () => sockets.splice(sockets.indexOf(socket) >>> 0, 1));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { code?: number; headers?: { messageId?: string } };
      if (frame.code === 200 && frame.headers?.messageId) events.push({ type: 'ack', messageId: frame.headers.messageId });
    });
  });

  return {
    base: loop.base,
    events,
    /** the files uploaded as media, whole: what a chat shows when the message naming them is sent */
    uploads,
    /** the next custom-robot answers, e.g. `{ errcode: 130101, errmsg: 'send too fast' }` */
    webhookAnswers,
    get webhookRequests() {
      return webhookRequests;
    },
    sends: () => events.filter((e) => e.type !== 'ack' && e.type !== 'upload'),
    async connected(): Promise<void> {
      await vi.waitFor(() => expect(sockets.length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
    },
    /** How many Stream connections are open (one per running instance). */
    get connections(): number {
      return sockets.length;
    },
    /**
     * Pushes a robot callback down the stream; returns the stream message id. To every open
     * connection by default (the same callback at several instances at once); `to: n` sends it to
     * the n-th open connection (modulo their number), as DingTalk gives each callback to one.
     */
    push(data: string, options: { to?: number } = {}): string {
      streamSeq += 1;
      const streamMessageId = `stream-msg-${streamSeq}`;
      const frame = fixture('dingtalk/stream-callback-frame.json', { streamMessageId, now: String(Date.now()), data });
      const open = sockets.filter((s) => s.readyState === s.OPEN);
      const targets = options.to === undefined ? open : open.slice(options.to % Math.max(1, open.length)).slice(0, 1);
      for (const s of targets) s.send(frame);
      return streamMessageId;
    },
    async close(): Promise<void> {
      for (const s of sockets) s.terminate();
      wss.close();
      await loop.close();
    },
  };
}

export type FakeDingTalk = Awaited<ReturnType<typeof startFakeDingTalk>>;

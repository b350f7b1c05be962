import { createCipheriv, randomBytes } from 'node:crypto';
import { expect, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { fixture, sendJson, startLoopback } from './loopback.ts';

/** Everything the fake WeCom saw, in order. */
export type WeComEvent =
  | { type: 'reply'; reqId: string; body: any; connection: number }
  | { type: 'push'; body: any; connection: number }
  | { type: 'subscribed'; connection: number }
  | { type: 'unanswered'; cmd: string }
  | { type: 'webhook'; key: string; body: any }
  | { type: 'upload'; cmd: string };

/** Encrypts like WeCom does for AI bot media: AES-256-CBC, IV = key[0..16), PKCS#7 to 32 bytes. */
export function encryptMedia(data: Buffer): { encrypted: Buffer; aeskey: string } {
  const key = randomBytes(32);
  const pad = 32 - (data.length % 32);
  const padded = Buffer.concat([data, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return { encrypted: Buffer.concat([cipher.update(padded), cipher.final()]), aeskey: key.toString('base64') };
}

/**
 * WeCom on 127.0.0.1: the AI bot's long connection (subscribe with bot id and secret, ping,
 * callbacks down, replies and pushes up, each acknowledged by req_id) and the group robot
 * webhook (scriptable answers, e.g. 45009), plus encrypted media downloads. Like WeCom, one live
 * long connection per bot: a new subscription sends the previous one `disconnected_event` and
 * closes it. Connections are numbered in the order they subscribed. `mute` makes it take sockets
 * and read their frames but answer none (a subscription never confirmed), as a WeCom that hangs does:
 * all of them, or those whose path it picks (one instance's route that fails while others work).
 * A callback pushed while no connection is subscribed is dropped, as WeCom is believed to do
 * (docs/instances.md); with `replay` on it is kept and sent to the next subscription instead.
 */
export async function startFakeWeCom(options: { botId: string; secret: string; webhookKeys: string[] }) {
  const events: WeComEvent[] = [];
  const webhookAnswers: Array<{ errcode: number; errmsg: string }> = [];
  const files = new Map<string, Buffer>();
  const sockets: WebSocket[] = [];
  let webhookRequests = 0;
  let seq = 0;
  let subscriptions = 0;
  let mute: boolean | ((path: string) => boolean) = false;
  let replay = false;
  const offline: string[] = [];

  const loop = await startLoopback(async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send') {
      webhookRequests += 1;
      const key = url.searchParams.get('key') ?? '';
      if (!options.webhookKeys.includes(key)) return sendJson(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
      const scripted = webhookAnswers.shift();
      if (scripted && scripted.errcode !== 0) return sendJson(res, 200, scripted);
      events.push({ type: 'webhook', key, body: JSON.parse(body.toString('utf8')) });
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const file = files.get(url.pathname.slice('/files/'.length));
      if (!file) return sendJson(res, 404, {});
      res.setHeader('content-type', 'application/octet-stream');
      return void res.end(file);
    }
    sendJson(res, 404, { errmsg: `no route ${req.method} ${url.pathname}` });
  });

  const wss = new WebSocketServer({ server: loop.server });
  wss.on('connection', (socket, request) => {
    const path = request.url ?? '/';
    let connection = 0;
    socket.on('close', () => {
      const at = sockets.indexOf(socket);
      if (at >= 0) sockets.splice(at, 1);
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { cmd?: string; headers: { req_id: string }; body?: any };
      if (typeof mute === 'function' ? mute(path) : mute) return void events.push({ type: 'unanswered', cmd: frame.cmd ?? '' });
      const ack = (extra: Record<string, unknown> = {}) => socket.send(JSON.stringify({ headers: { req_id: frame.headers.req_id }, errcode: 0, errmsg: 'ok', ...extra }));
      switch (frame.cmd) {
        case 'aibot_subscribe': {
          const ok = frame.body?.bot_id === options.botId && frame.body?.secret === options.secret;
          if (ok) {
            for (const old of sockets.splice(0)) {
              old.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: `event_${++seq}` }, body: { msgid: `event_${seq}`, msgtype: 'event', event: { eventtype: 'disconnected_event' } } }));
              old.close();
            }
            connection = ++subscriptions;
            sockets.push(socket);
            events.push({ type: 'subscribed', connection });
          }
          socket.send(JSON.stringify({ headers: { req_id: frame.headers.req_id }, errcode: ok ? 0 : 40058, errmsg: ok ? 'ok' : 'invalid secret' }));
          if (ok) for (const kept of offline.splice(0)) socket.send(kept);
          return;
        }
        case 'ping':
          return ack();
        case 'aibot_respond_msg':
          events.push({ type: 'reply', reqId: frame.headers.req_id, body: frame.body, connection });
          return ack();
        case 'aibot_send_msg':
          events.push({ type: 'push', body: frame.body, connection });
          return ack();
        case 'aibot_upload_media_init':
          events.push({ type: 'upload', cmd: frame.cmd });
          return ack({ body: { upload_id: 'up-1' } });
        case 'aibot_upload_media_chunk':
          return ack();
        case 'aibot_upload_media_finish':
          return ack({ body: { media_id: 'media-1', type: 'file' } });
        default:
          return ack();
      }
    });
  });

  return {
    base: loop.base,
    wsUrl: loop.base.replace('http', 'ws'),
    events,
    webhookAnswers,
    get webhookRequests() {
      return webhookRequests;
    },
    sends: () => events.filter((e) => e.type === 'reply' || e.type === 'push' || e.type === 'webhook'),
    /** While true, frames are read and never answered; sockets stay open. */
    set mute(on: boolean | ((path: string) => boolean)) {
      mute = on;
    },
    /** Subscribed connections open now. */
    get live(): number {
      return sockets.length;
    },
    /** While true, callbacks pushed with no connection subscribed go to the next subscription. */
    set replay(on: boolean) {
      replay = on;
    },
    async authenticated(): Promise<void> {
      await vi.waitFor(() => expect(sockets.length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
    },
    /** Serves an (encrypted) file under /files/<name>. */
    serve(name: string, data: Buffer): void {
      files.set(name, data);
    },
    /** Pushes a callback fixture down the long connection; returns its req_id. */
    push(path: string, values: Record<string, string>): string {
      seq += 1;
      const reqId = `aibot_msg_callback_${seq}`;
      const frame = fixture(path, { reqId, base: loop.base, ...values });
      if (sockets.length === 0 && replay) offline.push(frame);
      for (const s of sockets) s.send(frame);
      return reqId;
    },
    async close(): Promise<void> {
      for (const s of sockets) s.terminate();
      wss.close();
      await loop.close();
    },
  };
}

export type FakeWeCom = Awaited<ReturnType<typeof startFakeWeCom>>;

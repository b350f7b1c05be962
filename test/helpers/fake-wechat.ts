import { WebSocketServer, type WebSocket } from 'ws';
import { startLoopback } from './loopback.ts';

/** What the bot's WeChat account did, as the WeChat server saw it, in order. */
export type WeChatEvent =
  | { type: 'login'; session: number; pid: number }
  | { type: 'kicked'; session: number; pid: number }
  | { type: 'said'; session: number; pid: number; room: string; text: string; live: boolean };

/** Down the connection: a member's message in a room, or "another login took your place". */
export type ToInstance =
  | { t: 'ok' }
  | { t: 'kicked' }
  | { t: 'message'; room: string; from: string; text: string; mentions: string[] };

/** Up the connection: log in as the account, or what the account said in a room. */
export type FromInstance = { t: 'login'; pid: number } | { t: 'said'; room: string; text: string };

/**
 * WeChat's server for the bot's one account, on 127.0.0.1: what the instances' puppets talk to
 * (test/fixtures/wechaty-instance.ts bridges a mock puppet to it). Like WeChat, it keeps one live
 * login: a new login throws the previous one out, and what the room members say reaches only the
 * live login. It records every login and everything the account said, and from which login.
 */
export async function startFakeWeChat() {
  const events: WeChatEvent[] = [];
  let live: { session: number; pid: number; socket: WebSocket } | null = null;
  let sessions = 0;
  const loop = await startLoopback((_req, _body, res) => {
    res.statusCode = 404;
    res.end();
  });
  const wss = new WebSocketServer({ server: loop.server });
  const send = (socket: WebSocket, frame: ToInstance) => socket.send(JSON.stringify(frame));

  wss.on('connection', (socket) => {
    let mine: { session: number; pid: number } | null = null;
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as FromInstance;
      if (frame.t === 'login') {
        if (live) {
          events.push({ type: 'kicked', session: live.session, pid: live.pid });
          send(live.socket, { t: 'kicked' });
          live.socket.close();
        }
        sessions += 1;
        mine = { session: sessions, pid: frame.pid };
        live = { ...mine, socket };
        events.push({ type: 'login', ...mine });
        send(socket, { t: 'ok' });
        return;
      }
      if (!mine) return;
      events.push({ type: 'said', ...mine, room: frame.room, text: frame.text, live: live?.session === mine.session });
    });
    socket.on('close', () => {
      if (mine && live?.session === mine.session) live = null;
    });
  });

  return {
    url: loop.base.replace('http', 'ws'),
    events,
    logins: () => events.flatMap((e) => (e.type === 'login' ? [e] : [])),
    said: () => events.flatMap((e) => (e.type === 'said' ? [e] : [])),
    /** The process logged in now, if any. */
    get live(): number | null {
      return live?.pid ?? null;
    },
    /** `from` says `text` in the room titled `room`, mentioning `mentions` (names); false when nobody is logged in. */
    say(room: string, from: string, text: string, mentions: string[] = []): boolean {
      if (!live) return false;
      send(live.socket, { t: 'message', room, from, text, mentions });
      return true;
    },
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await loop.close();
    },
  };
}

export type FakeWeChat = Awaited<ReturnType<typeof startFakeWeChat>>;

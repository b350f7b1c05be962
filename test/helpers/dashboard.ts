import { createLogger } from '../../src/app/logger.ts';
import { startDashboardServer, type DashboardServer } from '../../src/dashboard/dashboard-server.ts';
import type { Chat } from './chat.ts';

/** The dashboard of a chat's bot on a free loopback port, on the chat's clock. */
export function startChatDashboard(chat: Chat): Promise<DashboardServer> {
  return startDashboardServer({
    db: chat.bot.db, queue: chat.bot.queue, dataDir: `${chat.dir}/data`, log: createLogger('silent'), clock: () => chat.now,
    config: { port: 0, host: '127.0.0.1', publicUrl: 'http://localhost:8787', linkHours: 24 },
  }, 0);
}

/**
 * Asks for `看板` as `sender` in `group` and returns the link the bot sent privately, pointed at
 * the test server.
 */
export async function dashboardLink(chat: Chat, server: DashboardServer, group: string, sender: string): Promise<string> {
  const out = await chat.send(group, sender, '看板');
  const text = out.find((d) => d.person?.name === sender && !d.group)?.text ?? '';
  const url = /https?:\/\/\S+\/v\/\S+\//.exec(text)?.[0];
  if (!url) throw new Error(`no dashboard link in: ${chat.lines(out).join('\n')}`);
  return url.replace(/^https?:\/\/[^/]+/, server.url);
}

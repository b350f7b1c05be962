import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createBot } from './bot.ts';
import { openDashboard, runChannel } from './run-channel.ts';
import { debugEnabled, explainError, loadDotEnv } from './cli.ts';
import { CONSOLE_BANNER } from './console-banner.ts';
import { loadConfig } from './config.ts';
import type { AppConfig } from '../core/config.ts';
import { createLogger } from './logger.ts';
import type { Logger } from '../core/logger.ts';
import { loadPlatformConfig, type DingTalkEnv, type WechatyEnv, type WeComEnv } from './platform-config.ts';
import { DEMO_ROSTER, readRoster } from '../features/roster-file.ts';
import { createCardRenderer } from '../cards/card-renderer.ts';
import { ConsoleChannel } from '../channels/console-channel.ts';
import { createStore } from '../db/store.ts';

/** The chart cards' renderer; its font subsets are built once into <dataDir>/fonts. */
const cardRenderer = (config: AppConfig) => createCardRenderer({ fontCacheDir: join(config.dataDir, 'fonts') });

async function runConsole(settings: AppConfig): Promise<void> {
  // the demo's roster is the one 重新加载名册 re-reads unless HZ_ROSTER names another
  const config: AppConfig = { ...settings, rosterFile: settings.rosterFile ?? DEMO_ROSTER };
  // in the console the terminal is the chat: logs go to a file beside the database
  const log = createLogger(config.logLevel, pino.destination({ dest: join(config.dataDir, 'hazard-zero.log'), sync: false, mkdir: true }));
  const channel = new ConsoleChannel({ filesDir: join(config.dataDir, 'exports') });
  const bot = await createBot({ config, channel, log, cards: cardRenderer(config) });
  // a new ledger (an SQLite file just created, or an empty PostgreSQL database) gets the demo county
  const fresh = (await bot.queue.run(() => createStore(bot.db).roster.units())).length === 0;
  if (fresh) {
    const summary = await bot.importRoster(readRoster(DEMO_ROSTER));
    console.log(`已创建演示数据库 ${config.databaseUrl ? 'PostgreSQL' : config.dbFile}，导入名册：${summary.units} 个单位、${summary.people} 人、${summary.groups} 个群。`);
  }
  console.log(CONSOLE_BANNER);
  const dashboard = await openDashboard(bot, config, log);
  // reminders, escalations and digests arrive in the terminal at their times
  await bot.start();
  const stop = async () => {
    await channel.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await channel.start((message) => bot.receive(message));
  await channel.closed();
  await dashboard?.close();
  await bot.close();
}

async function startWechaty(config: AppConfig, env: WechatyEnv, log: Logger): Promise<void> {
  const [{ WechatyBuilder, ScanStatus }, { runWechaty }, qrcode] = await Promise.all([
    import('wechaty'), import('./run-wechaty.ts'), import('qrcode-terminal'),
  ]);
  const wechaty = WechatyBuilder.build({
    name: env.WECHATY_NAME,
    puppet: env.WECHATY_PUPPET,
    ...(env.WECHATY_PUPPET === 'wechaty-puppet-service'
      ? { puppetOptions: { token: env.WECHATY_PUPPET_SERVICE_TOKEN, ...(env.WECHATY_PUPPET_SERVICE_ENDPOINT ? { endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT } : {}) } }
      : {}),
  });
  wechaty.on('scan', (code, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    console.log('请用机器人账号的微信扫描下面的二维码登录：');
    qrcode.default.generate(code, { small: true });
    console.log(`（二维码显示不全时，打开 https://wechaty.js.org/qrcode/${encodeURIComponent(code)} ）`);
  });
  wechaty.on('login', (user) => console.log(`已登录：${user.name()}`));
  wechaty.on('logout', (user) => log.warn({ account: user.name() }, 'logged out'));
  wechaty.on('error', (error) => log.error({ err: error }, 'wechaty error'));
  process.exitCode = await runWechaty(config, wechaty, log, {
    roster: env.HZ_ROSTER,
    // wechat4u hands out new ids on every login; the puppet service's ids are stable
    stableIds: env.WECHATY_PUPPET !== 'wechaty-puppet-wechat4u',
  });
}

async function runDingTalk(config: AppConfig, env: DingTalkEnv, log: Logger): Promise<void> {
  const [{ DingTalkStreamClient }, { DingTalkOpenApi }, { DingTalkChannel }] = await Promise.all([
    import('../channels/dingtalk-stream-client.ts'), import('../channels/dingtalk-openapi.ts'), import('../channels/dingtalk-channel.ts'),
  ]);
  const stream = new DingTalkStreamClient({
    clientId: env.DINGTALK_CLIENT_ID, clientSecret: env.DINGTALK_CLIENT_SECRET,
    onError: (error) => log.warn({ err: error }, 'dingtalk stream: connection failed, retrying'),
  });
  const api = new DingTalkOpenApi({ appKey: env.DINGTALK_CLIENT_ID, appSecret: env.DINGTALK_CLIENT_SECRET, robotCode: env.DINGTALK_ROBOT_CODE ?? env.DINGTALK_CLIENT_ID });
  const channel = new DingTalkChannel({ stream, api, webhooks: env.DINGTALK_GROUP_WEBHOOKS, botNames: env.HZ_BOT_NAMES, log });
  log.info({ groupsWithRobot: Object.keys(env.DINGTALK_GROUP_WEBHOOKS) }, 'dingtalk configured');
  process.exitCode = await runChannel(config, channel, log, { roster: env.HZ_ROSTER });
}

async function runWeCom(config: AppConfig, env: WeComEnv, log: Logger): Promise<void> {
  const [{ WSClient }, { WeComChannel }] = await Promise.all([import('@wecom/aibot-node-sdk'), import('../channels/wecom-channel.ts')]);
  const sdkLog = log.child({ sdk: 'wecom-aibot' });
  const client = new WSClient({
    botId: env.WECOM_BOT_ID, secret: env.WECOM_BOT_SECRET, maxReconnectAttempts: -1,
    logger: { debug: (m) => sdkLog.debug(m), info: (m) => sdkLog.debug(m), warn: (m) => sdkLog.warn(m), error: (m) => sdkLog.error(m) },
  });
  const channel = new WeComChannel({ client, webhooks: env.WECOM_GROUP_WEBHOOKS, botNames: env.HZ_BOT_NAMES, log });
  log.info({ groupsWithRobot: Object.keys(env.WECOM_GROUP_WEBHOOKS) }, 'wecom configured');
  process.exitCode = await runChannel(config, channel, log, { roster: env.HZ_ROSTER });
}

/** `npm start`: the console demo by default, a chat platform when CHANNEL says so. */
async function main(): Promise<void> {
  // a .env beside package.json is read when present; variables already set win over it
  loadDotEnv();
  const config = loadConfig();
  // checked before anything starts: a missing credential stops here, by name, never by value
  const platform = loadPlatformConfig(config.channel);
  mkdirSync(config.dataDir, { recursive: true });
  if (platform.channel === 'console') return runConsole(config);
  // on a platform the terminal is the log: failures that reach the admins show here too
  const log = createLogger(config.logLevel);
  if (platform.channel === 'wechaty') return startWechaty(config, platform.env, log);
  if (platform.channel === 'dingtalk') return runDingTalk(config, platform.env, log);
  return runWeCom(config, platform.env, log);
}

main().then(
  () => {
    // a platform SDK may keep a socket or timer open after stopping: do not hang on it
    setTimeout(() => process.exit(), 3_000).unref();
  },
  (error: unknown) => {
    // a setting, a roster line or a database in use: one Chinese line each; the stack on HZ_DEBUG=1
    console.error(explainError(error));
    if (debugEnabled()) console.error(error);
    process.exit(1);
  },
);

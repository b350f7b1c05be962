import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createBot } from './bot.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { readRoster } from './roster-file.ts';
import { ConsoleChannel } from '../channels/console-channel.ts';

const DEMO_ROSTER = join(import.meta.dirname, '..', '..', 'demo', 'roster.yaml');

const BANNER = `隐患清零 · Hazard Zero 控制台演示
每行一条群消息：[群名] 姓名: 内容（之后可只写内容，沿用上一条的群和人；行尾加 \\ 可换行续写）
试试：
  [应急管理局监管群] 王建国: 登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕
  [红星化工安全对接群] 张伟: YH-0001 进度60% 已更换阀门，等待检测
  [红星化工安全对接群] 张伟: YH-0001 整改完成 请验收
  [应急管理局监管群] 王建国: YH-0001 验收通过
  [县安委会领导群] 刘县长: 逾期隐患
  [红星化工安全对接群] 张伟: 帮助
名册见 demo/roster.yaml；Ctrl-D 退出。`;

/** `npm start`: the console demo by default, a chat platform when CHANNEL says so. */
async function main(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  // in the console the terminal is the chat: logs go to a file beside the database
  const log = createLogger(config.logLevel, pino.destination({ dest: join(config.dataDir, 'hazard-zero.log'), sync: false, mkdir: true }));
  if (config.channel !== 'console') throw new Error(`CHANNEL=${config.channel} 尚未接入，请使用 console`);

  const channel = new ConsoleChannel();
  const fresh = !existsSync(config.dbFile);
  const bot = await createBot({ config, channel, log });
  if (fresh) {
    const summary = await bot.importRoster(readRoster(DEMO_ROSTER));
    console.log(`已创建演示数据库 ${config.dbFile}，导入名册：${summary.units} 个单位、${summary.people} 人、${summary.groups} 个群。`);
  }
  console.log(BANNER);
  const stop = async () => {
    await channel.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await channel.start((message) => bot.receive(message));
  await channel.closed();
  await bot.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { resolve } from 'node:path';
import { createBot } from './bot.ts';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import type { AppConfig } from '../core/config.ts';
import { createLogger } from './logger.ts';
import { departmentsWithoutLeader, readRoster, type RosterFile } from '../features/roster-file.ts';
import { UserError } from '../core/user-error.ts';
import { RecordingChannel } from '../channels/recording-channel.ts';
import { DatabaseInUseError } from '../db/process-lock.ts';

/** `、政府投资项目 2 个` when the roster marks any: the check says what it read. */
const projects = (roster: RosterFile) => {
  const n = roster.units.filter((u) => u.government).length;
  return n > 0 ? `、政府投资项目 ${n} 个` : '';
};

const USAGE = '用法：npm run roster -- import 名册文件   （导入名册 YAML；重复导入不会重复创建）\n      npm run roster -- check 名册文件    （只检查，不写入）';

/** The roster file the running bot re-reads on 重新加载名册: HZ_ROSTER, or the demo's in the console. */
function botRosterFile(config: AppConfig): string | null {
  return config.rosterFile ?? (config.channel === 'console' ? 'demo/roster.yaml' : null);
}

/**
 * The bot is running on this database, so this process may not write it: say what to do instead,
 * in one line — the running bot re-reads its own roster file on an admin's 重新加载名册.
 */
function importWhileRunning(config: AppConfig, file: string): UserError {
  const botFile = botRosterFile(config);
  const how = botFile === null
    ? '请在 .env 里设置 HZ_ROSTER=名册文件 并重启机器人，之后改了名册由管理员在群里发「重新加载名册」'
    : resolve(botFile) === resolve(file)
      ? `机器人读的正是这个文件：请管理员在群里发「重新加载名册」（控制台演示里输入 [应急管理局监管群] 赵主任: 重新加载名册）`
      : `请把改动写进机器人读取的名册 ${botFile}（HZ_ROSTER），再由管理员在群里发「重新加载名册」`;
  return new UserError(`名册没有导入：数据库 ${config.dbFile} 正由运行中的隐患清零机器人使用。${how}；或先停止机器人，再运行本命令。`);
}

/** `npm run roster -- import FILE`: validates a roster file and applies it to the database. */
async function main(argv: string[]): Promise<number> {
  const [verb, file, ...rest] = argv;
  if ((verb !== 'import' && verb !== 'check') || !file || rest.length > 0) throw new UserError(USAGE);
  const roster = readRoster(file);
  if (verb === 'check') {
    console.log(`名册无误：${roster.units.length} 个单位、${roster.people.length} 人、${roster.groups.length} 个群${roster.leaders ? `、${roster.leaders.length} 行领导分工` : ''}${projects(roster)}。`);
    const unled = departmentsWithoutLeader(roster);
    if (unled.length > 0) console.log(`提示：${unled.join('、')} 没有分管领导（leaders 中没有这个部门或其上级部门的 in_charge，也没有全县一行），其所监管单位的逾期升级不会点名分管领导；按行业写的行仍可覆盖部分隐患。`);
    return 0;
  }
  const config = loadConfig();
  let bot;
  try {
    bot = await createBot({ config, channel: new RecordingChannel(() => new Date()), log: createLogger('warn') });
  } catch (error) {
    if (error instanceof DatabaseInUseError) throw importWhileRunning(config, file);
    throw error;
  }
  try {
    const s = await bot.importRoster(roster);
    console.log(`已导入 ${config.dbFile}：${s.units} 个单位、${s.people} 人、${s.groups} 个群${s.leaders !== null ? `、${s.leaders} 行领导分工` : ''}（新增或变更 ${s.changed} 条）。`);
  } finally {
    await bot.close();
  }
  return 0;
}

runCli(main);

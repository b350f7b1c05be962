import { createBot } from './bot.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { RosterError, readRoster } from './roster-file.ts';
import { RecordingChannel } from '../channels/recording-channel.ts';

const USAGE = '用法：npm run roster -- import FILE      （导入名册 YAML；重复导入不会重复创建）\n      npm run roster -- check FILE       （只检查，不写入）';

/** `npm run roster -- import FILE`: validates a roster file and applies it to the database. */
async function main(argv: string[]): Promise<number> {
  const [verb, file] = argv;
  if ((verb !== 'import' && verb !== 'check') || !file) {
    console.error(USAGE);
    return 2;
  }
  const roster = readRoster(file);
  if (verb === 'check') {
    console.log(`名册无误：${roster.units.length} 个单位、${roster.people.length} 人、${roster.groups.length} 个群。`);
    return 0;
  }
  const config = loadConfig();
  const bot = await createBot({ config, channel: new RecordingChannel(() => new Date()), log: createLogger('warn') });
  try {
    const s = await bot.importRoster(roster);
    console.log(`已导入 ${config.dbFile}：${s.units} 个单位、${s.people} 人、${s.groups} 个群（新增或变更 ${s.changed} 条）。`);
  } finally {
    await bot.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof RosterError ? error.message : error);
    process.exit(1);
  },
);

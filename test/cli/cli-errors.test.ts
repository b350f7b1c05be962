import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { defaultConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { RecordingChannel } from '../../src/channels/recording-channel.ts';

// Each command-line tool, fed a person's mistakes: a missing file, a database the running bot holds,
// a malformed input. Each must answer in Chinese lines naming the file (and line) and the fix,
// exit with 1, and never print a stack — unless HZ_DEBUG=1 asks for one.

const REPO = join(import.meta.dirname, '..', '..');
const TOOLS = {
  simulate: 'src/app/simulate-cli.ts',
  roster: 'src/app/roster-cli.ts',
  export: 'src/app/export-cli.ts',
  'db:migrate': 'src/app/migrate-cli.ts',
  bench: 'bench/run.ts',
} as const;

const dir = mkdtempSync(join(tmpdir(), 'hz-cli-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const heldDb = join(dir, 'held', 'hazard-zero.db');
let runningBot: Bot;

beforeAll(async () => {
  // the bot running on a database: this test process holds its lock, as `npm start` would
  runningBot = await createBot({ config: defaultConfig({ dbFile: heldDb, dataDir: join(dir, 'held', 'data') }), channel: new RecordingChannel(() => new Date()), log: createLogger('silent') });
});
afterAll(async () => {
  await runningBot.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(tool: keyof typeof TOOLS, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', TOOLS[tool], ...args], {
    cwd: REPO, encoding: 'utf8',
    // no .env of a developer's checkout leaks in: every setting the test needs is given here
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HZ_DB: join(dir, 'none.db'), HZ_DATA_DIR: join(dir, 'data'), ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr.trim() };
}

/** Exit code 1, Chinese on stderr matching `pattern`, one line per problem, no stack. */
function expectMistake(result: ReturnType<typeof run>, pattern: RegExp, lines = 1): void {
  expect(result.err).toMatch(pattern);
  expect(result.err).toMatch(/[\u4e00-\u9fff]/);
  expect(result.err).not.toMatch(/^\s+at |Error:|node:internal/m);
  expect(result.err.split('\n')).toHaveLength(lines);
  expect(result.code).toBe(1);
}

const aliasBomb = () => {
  let text = 'units: []\nx0: &a0 [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 10; i++) text += `x${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
};

describe('npm run simulate', () => {
  it('a missing transcript names the file and where relative paths start', () => {
    expectMistake(run('simulate', ['nowhere/story.txt']), /^找不到剧本文件 nowhere\/story\.txt：请检查路径和文件名（相对路径从当前目录 .* 算起）。$/);
  });

  it('a missing @roster names the transcript line that wants it', () => {
    const story = file('missing-roster.txt', '# a story\n@roster county.yaml\n');
    expectMistake(run('simulate', [story]), new RegExp(`^剧本 ${story} 第2行：找不到名册文件 ${join(dir, 'county.yaml')}（路径从剧本所在的文件夹算起）`));
  });

  it('a database the running bot holds is refused with what to do', () => {
    const story = file('ok.txt', '@clock 2026-12-01 09:00\n');
    expectMistake(run('simulate', [story, '--db', heldDb]), new RegExp(`^数据库 ${heldDb} 已被另一个隐患清零进程使用.*请先停止那个进程`));
  });

  it('a malformed line names the line and how to write it', () => {
    const story = file('bad-line.txt', '@clock 2026-12-01 09:00\n王建国说登记隐患\n');
    expectMistake(run('simulate', [story]), new RegExp(`^剧本 ${story} 第2行：看不懂这一行，消息要写成「\\[群名\\] 姓名: 内容」$`));
  });

  it('a YAML alias bomb in its roster is named, in Chinese', () => {
    file('bomb.yaml', aliasBomb());
    const story = file('bomb.txt', '@roster bomb.yaml\n');
    expectMistake(run('simulate', [story]), /第1行 @roster：名册文件 .*bomb\.yaml 第3行：YAML 别名.*展开过多/);
  });

  it('a file that is not a database is named', () => {
    const story = file('ok2.txt', '@clock 2026-12-01 09:00\n');
    const notDb = file('notes.db', 'not a database at all, just some notes\n'.repeat(200));
    expectMistake(run('simulate', [story, '--db', notDb]), new RegExp(`^${notDb} 不是 SQLite 数据库`));
  });
});

describe('npm run roster', () => {
  it('a missing roster file', () => {
    expectMistake(run('roster', ['check', 'no-such-roster.yaml']), /^找不到名册文件 no-such-roster\.yaml：请检查路径和文件名/);
  });

  it('importing while the bot runs says what to do instead, in one line', () => {
    const result = run('roster', ['import', 'demo/roster.yaml'], { HZ_DB: heldDb, CHANNEL: 'console' });
    expectMistake(result, /^名册没有导入：数据库 .* 正由运行中的隐患清零机器人使用。机器人读的正是这个文件：请管理员在群里发「重新加载名册」.*；或先停止机器人，再运行本命令。$/);
  });

  it('importing another file while the bot runs names the file the bot reads', () => {
    const roster = file('county.yaml', 'units:\n  - { name: 应急管理局, kind: department }\n');
    const result = run('roster', ['import', roster], { HZ_DB: heldDb, HZ_ROSTER: 'county-live.yaml' });
    expectMistake(result, /请把改动写进机器人读取的名册 county-live\.yaml（HZ_ROSTER），再由管理员在群里发「重新加载名册」/);
  });

  it('malformed lines are each named with the file and line', () => {
    const roster = file('broken.yaml', 'units:\n  - { name: 应急管理局, kind: 衙门 }\npeople:\n  - { name: 张伟, role: 老板 }\n');
    const result = run('roster', ['check', roster]);
    expectMistake(result, new RegExp(`^名册文件 ${roster} 第2行 units\\[0\\]\\.kind：单位类型应为.*\\n名册文件 ${roster} 第4行 people\\[0\\]\\.role：角色应为`), 2);
  });

  it('broken YAML syntax names the line', () => {
    const roster = file('syntax.yaml', 'units:\n  - { name: 应急管理局, kind: department\npeople: []\n');
    expectMistake(run('roster', ['check', roster]), new RegExp(`^名册文件 ${roster} 第\\d+行：YAML 格式错误`), 1);
  });

  it('a YAML alias bomb gives a clear Chinese error, not a ReferenceError', () => {
    const roster = file('bomb-roster.yaml', aliasBomb());
    expectMistake(run('roster', ['check', roster]), new RegExp(`^名册文件 ${roster} 第3行：YAML 别名（&名字 和 \\*名字）展开过多`));
  });

  it('a roster far larger than a county is refused before it is parsed', () => {
    const units = Array.from({ length: 10_001 }, (_, i) => `  - { name: 单位${i} }`).join('\n');
    const roster = file('huge.yaml', `units:\n${units}\n`);
    expectMistake(run('roster', ['check', roster]), /第2行 units：共 10001 项，超过上限 10000 项/);
  });
});

describe('npm run export', () => {
  it('a missing database says how to point at the right one', () => {
    expectMistake(run('export', ['本季度']), new RegExp(`^找不到数据库 ${join(dir, 'none.db')}：请用 HZ_DB 指定机器人使用的数据库文件`));
  });

  it('reads the database the running bot holds: exporting while it runs is allowed', () => {
    const out = join(dir, 'live.xlsx');
    const result = run('export', ['--out', out], { HZ_DB: heldDb });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(out);
  });

  it('a filter it cannot read says what can be written', () => {
    expectMistake(run('export', ['乱七八糟'], { HZ_DB: heldDb }), /^没看懂筛选条件「乱七八糟」。可写：.*例：npm run export -- /);
  });

  it('a file that is not a database is named', () => {
    const notDb = file('ledger.db', 'plain text\n'.repeat(500));
    expectMistake(run('export', [], { HZ_DB: notDb }), new RegExp(`^${notDb} 不是 SQLite 数据库`));
  });
});

describe('npm run db:migrate', () => {
  it('a malformed migration name says what a name is', () => {
    expectMistake(run('db:migrate', ['Add Photo']), /^「Add Photo」不能作迁移名：迁移名只用小写字母、数字和下划线，例：npm run db:migrate -- add_hazard_photo$/);
  });

  it('a missing name', () => {
    expectMistake(run('db:migrate', []), /^缺少迁移名：/);
  });

  // It takes no file and touches no database (the bot applies migrations at start): a missing
  // file or a locked database cannot reach it. Not run here without a mistake: with the schema
  // ahead of a history it would write a migration into the repository.
});

describe('npm run bench', () => {
  // it takes no file and builds its own databases in a fresh temporary folder: the mistakes it
  // can meet are its arguments and settings, refused before anything is seeded
  it('a size that is not a number', () => {
    expectMistake(run('bench', ['10k']), /^「10k」不是台账规模（1 到 10000000 之间的整数）。用法：npm run bench -- /);
  });

  it('an unknown durability setting', () => {
    expectMistake(run('bench', ['10'], { HZ_BENCH_SYNC: 'fast' }), /^HZ_BENCH_SYNC=fast 无效：只能是 full 或 normal/);
  });
});

describe('HZ_DEBUG=1', () => {
  it('adds the stack for whoever maintains the bot', () => {
    const result = run('simulate', ['nowhere/story.txt'], { HZ_DEBUG: '1' });
    expect(result.err.split('\n')[0]).toMatch(/^找不到剧本文件 nowhere\/story\.txt/);
    expect(result.err).toMatch(/^\s+at /m);
    expect(result.code).toBe(1);
  });
});

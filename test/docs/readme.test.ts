import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportCli, type CliOutput } from '../../src/app/export-cli.ts';
import { simulateCli } from '../../src/app/simulate-cli.ts';
import { fencedBlocks, shellCommands } from './markdown.ts';

const REPO = join(import.meta.dirname, '..', '..');
const README = join(REPO, 'README.md');
const readme = readFileSync(README, 'utf8');
const docs = readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(REPO, 'docs', f));
const tmp = mkdtempSync(join(tmpdir(), 'hz-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// npm's own `> hazard-zero start` header left out, so what is compared is what the tool printed
const QUIET_NPM = { ...process.env, npm_config_loglevel: 'silent' };

/**
 * Every shell command README.md shows, and where it is checked. A command added to the README
 * without an entry here fails the test: it is run below or named with the test that covers it.
 */
const README_COMMANDS: Record<string, string> = {
  'npm install && npm start': 'runs below: `npm start` in a fresh data folder, the console demo (npm install is the clean `npm ci` of .ci/run)',
  'npm install && npm test': 'this suite: package.json "test" is checked below to be `tsc --noEmit && vitest run`',
};

/**
 * The npm scripts the docs/ pages show, each with the function its file hands to runCli. They run
 * in this process: a spawn costs ~2 s of CPU to load the bot again under tsx (measured; this file
 * took 21 s). The spawned path itself — npm, tsx, runCli, the exit code — is run by `npm start`
 * below and for every tool by test/cli/cli-errors.test.ts.
 */
const IN_PROCESS: Record<string, (argv: string[], vars: Record<string, string>, out: CliOutput) => Promise<number>> = {
  'tsx src/app/simulate-cli.ts': (argv, vars, out) => {
    expect(vars, 'simulate reads no variables: a page that sets one shows something that does not happen').toEqual({});
    return simulateCli(argv, out);
  },
  'tsx src/app/export-cli.ts': (argv, vars, out) => exportCli(argv, { ...process.env, ...vars }, out),
};

/**
 * Runs a command line a page shows, `[VAR=value …] npm run SCRIPT -- ARGS [> /dev/null]`, as the
 * shell in the repository would: the script package.json names, with those arguments and
 * variables. Returns what it printed; fails on an exit code other than 0 or anything on stderr.
 */
async function runShown(line: string): Promise<string> {
  expect(line, 'quotes, pipes and variables are not interpreted here').not.toMatch(/["'`|$;&<\\]/);
  const words = line.split(/\s+/);
  const discard = words.at(-2) === '>' && words.at(-1) === '/dev/null';
  if (discard) words.splice(-2);
  expect(words, 'only `> /dev/null` is understood as a redirection').not.toContain('>');
  const vars: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name = '', ...value] = (words.shift() ?? '').split('=');
    vars[name] = value.join('=');
  }
  const [npm, run, script = '', dashes, ...argv] = words;
  expect([npm, run, dashes], line).toEqual(['npm', 'run', '--']);
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const target = pkg.scripts[script] ?? '';
  const cli = IN_PROCESS[target];
  if (!cli) throw new Error(`a page shows \`npm run ${script}\` (\`${target}\`): add it to IN_PROCESS`);
  // relative paths in the shown line start at the repository, as the shell there would
  expect(process.cwd()).toBe(REPO);
  const out: string[] = [];
  const err: string[] = [];
  const code = await cli(argv, vars, { log: (l) => out.push(l), error: (l) => err.push(l) });
  expect(err.join('\n'), line).toBe('');
  expect(code, line).toBe(0);
  return discard ? '' : out.map((l) => `${l}\n`).join('');
}

describe('README.md, the front door', () => {
  it('stays at most 15 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
  });

  it('shows a session that is the reviewed transcript and its output, byte for byte', () => {
    const blocks = fencedBlocks(readme).map((b) => b.body);
    const input = readFileSync(join(REPO, 'test/transcripts/readme.txt'), 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();
    // readme.out.txt is itself checked against a fresh run in test/transcripts/transcripts.test.ts
    const output = readFileSync(join(REPO, 'test/transcripts/readme.out.txt'), 'utf8').trim();
    expect(blocks).toContain(input);
    expect(blocks).toContain(output);
  });

  it('names a test for every shell command it shows', () => {
    const shown = fencedBlocks(readme).filter((b) => b.lang === 'sh').flatMap((b) => shellCommands(b.body));
    expect(shown.length).toBeGreaterThan(0);
    for (const command of shown) expect(README_COMMANDS, `README.md shows \`${command}\`: run it here or name its test`).toHaveProperty([command]);
  });

  it('keeps both commands literally', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toBe('tsc --noEmit && vitest run');
  });

  it('runs `npm start` as the console demo: creates the demo county and answers in the terminal', () => {
    const run = spawnSync('npm', ['start'], {
      cwd: REPO, encoding: 'utf8', input: '[县安委会领导群] 刘县长: 帮助\n',
      env: { ...QUIET_NPM, CHANNEL: 'console', HZ_DB: join(tmp, 'start', 'demo.db'), HZ_DATA_DIR: join(tmp, 'start', 'data') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`已创建演示数据库 ${join(tmp, 'start', 'demo.db')}`);
    expect(run.stdout).toContain('隐患清零 · Hazard Zero 控制台演示');
    expect(run.stdout).toMatch(/→ \[县安委会领导群\] .*登记隐患/s);
  });

  it('links only to files that exist', () => {
    for (const file of [README, ...docs]) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue;
        expect(existsSync(resolve(dirname(file), target)), `${file} links to ${target}`).toBe(true);
      }
    }
  });
});

describe('the commands the docs/ pages show', () => {
  it('docs/simulator.md: `--time` prints the reviewed output of readme.txt', async () => {
    const page = readFileSync(join(REPO, 'docs/simulator.md'), 'utf8');
    const command = fencedBlocks(page).filter((b) => b.lang === 'sh').flatMap((b) => shellCommands(b.body)).find((c) => c.includes('--time'));
    expect(command).toBe('npm run simulate -- --time test/transcripts/readme.txt');
    const out = await runShown(command ?? '');
    expect(out).toBe(readFileSync(join(REPO, 'test/transcripts/readme.out.txt'), 'utf8'));
  });

  it('docs/governance.md: the export example runs on the database the transcript leaves', async () => {
    const page = readFileSync(join(REPO, 'docs/governance.md'), 'utf8');
    const block = fencedBlocks(page).find((b) => b.body.includes('$ HZ_DB='));
    expect(block).toBeDefined();
    const lines = (block?.body ?? '').split('\n');
    const commands = lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2).replaceAll('/tmp/hz-demo', join(tmp, 'hz-demo')));
    const shownOutput = lines.filter((l) => !l.startsWith('$ '));
    expect(commands).toHaveLength(2);
    let printed = '';
    for (const command of commands) printed += await runShown(command);
    const out = printed.trim().split('\n');
    // the due date is said relative to today ("2027年1月15日" or "1月15日"): compare up to it
    const dueless = (line: string | undefined) => line?.replace(/（[^（]*前报送）$/, '');
    expect(dueless(out[0])).toBe(dueless(shownOutput[0]));
    expect(out[1]).toBe(shownOutput[1]?.replaceAll('/tmp/hz-demo', join(tmp, 'hz-demo')));
    expect(existsSync(join(tmp, 'hz-demo', '四季度-应急管理局.xlsx'))).toBe(true);
  });
});

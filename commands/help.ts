import { defineCommand, type Command } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { byteLength, fitRows, TEXT_LIMIT_BYTES } from '../src/i18n/fit.ts';
import { zh } from '../src/i18n/zh-CN.ts';
import type { Role } from '../src/domain/types.ts';

/** `帮助 全部`: every command the role may use. */
const EVERYTHING = /^(?:全部|所有|全部命令|所有命令|更多)$/;

/**
 * 帮助 is generated from the command definitions, so it never drifts from them. Plain `帮助` is
 * the same short shape for every role: one everyday example per line, for what that role does
 * daily, and the two rules people trip over (several codes in one message, evidence for a major
 * hazard). `帮助 进度` explains one command; `帮助 全部` lists them all.
 */
export function renderHelp(commands: readonly Command[], role: Role, topic = ''): string {
  const allowed = commands.filter((c) => !c.roles || c.roles.includes(role));
  const asked = topic ? allowed.find((c) => c.name === topic || c.aliases.includes(topic)) : undefined;
  if (asked) {
    const aliases = asked.aliases.length > 0 ? `\n  也可写：${asked.aliases.join('、')}` : '';
    return `· ${asked.name}：${asked.summary}\n  例：${asked.usage}${aliases}`;
  }
  if (!EVERYTHING.test(topic)) return renderEveryday(allowed, role);
  return renderAll(allowed);
}

function renderEveryday(allowed: readonly Command[], role: Role): string {
  const everyday = allowed.filter((c) => c.help?.for.includes(role));
  // the several-codes rule shown with what this role does to several hazards at once
  const batch = everyday.find((c) => c.manyCodes && c.name !== '查询' && c.name !== '进度') ?? everyday.find((c) => c.manyCodes);
  return [
    zh.help.everydayTitle,
    ...everyday.map((c) => c.help?.example ?? c.usage),
    zh.help.question,
    ...(batch ? [zh.help.severalCodes(`YH-0008、YH-0012 ${batch.name}`)] : []),
    zh.help.majorHazard,
    zh.help.everydayFooter,
  ].join('\n');
}

/**
 * Every command by section, fitting one message: with examples if they fit, else one line per
 * command, else names only, pointing to `帮助 命令名` for one command's usage.
 */
function renderAll(allowed: readonly Command[]): string {
  const sectionLines = (line: (c: Command) => string, joiner: string) => {
    const sections = new Map<string, string[]>();
    for (const c of allowed) sections.set(c.section, [...(sections.get(c.section) ?? []), line(c)]);
    return [...sections].map(([section, lines]) => `【${section}】${joiner === '\n' ? '\n' : ''}${lines.join(joiner)}`);
  };
  const render = (line: (c: Command) => string, joiner: string, footer: string) =>
    [zh.help.title, ...sectionLines(line, joiner), footer].join('\n');
  // the last resort keeps whole sections while they fit, and says the rest is left out
  const namesOnly = () => {
    const rows = sectionLines((c) => c.name, '、');
    return fitRows([zh.help.title], rows, (shown) => [...(shown < rows.length ? [zh.help.more(rows.length - shown)] : []), zh.help.footerShort], { limit: TEXT_LIMIT_BYTES });
  };
  const tiers = [
    () => render((c) => `· ${c.name}：${c.summary}${c.usage === c.name ? '' : `\n  例：${c.usage}`}`, '\n', zh.help.footer),
    () => render((c) => `· ${c.name}：${c.summary}`, '\n', zh.help.footerShort),
    namesOnly,
  ];
  const texts = tiers.map((t) => t());
  return texts.find((t) => byteLength(t) <= TEXT_LIMIT_BYTES) ?? texts[texts.length - 1] ?? '';
}

export default defineCommand({
  name: '帮助',
  aliases: ['help', '菜单', '使用说明', '命令'],
  section: '查询',
  summary: '列出可用的命令',
  usage: '帮助',
  args: rawArgs,
  async run(ctx, args) {
    await ctx.reply(renderHelp(ctx.commands, ctx.sender.role, args.text.trim()));
  },
});

import { defineCommand, type Command } from '../src/app/command.ts';
import { rawArgs } from '../src/app/args.ts';
import { byteLength, fitRows, TEXT_LIMIT_BYTES } from '../src/i18n/fit.ts';
import { zh } from '../src/i18n/zh-CN.ts';
import type { Role } from '../src/domain/types.ts';

/**
 * 帮助 is generated from the command definitions, so it never drifts from them. It fits one
 * message: with examples if they fit, else one line per command, else names only, pointing to
 * `帮助 命令名` for one command's usage.
 */
export function renderHelp(commands: readonly Command[], role: Role, topic = ''): string {
  const allowed = commands.filter((c) => !c.roles || c.roles.includes(role));
  const asked = topic ? allowed.find((c) => c.name === topic || c.aliases.includes(topic)) : undefined;
  if (asked) {
    const aliases = asked.aliases.length > 0 ? `\n  也可写：${asked.aliases.join('、')}` : '';
    return `· ${asked.name}：${asked.summary}\n  例：${asked.usage}${aliases}`;
  }
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
    return fitRows([zh.help.title], rows, (shown) => [...(shown < rows.length ? [zh.help.more(rows.length - shown)] : []), zh.help.footerShort]);
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

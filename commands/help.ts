import { defineCommand, type Command } from '../src/app/command.ts';
import { rawArgs } from '../src/app/args.ts';
import { zh } from '../src/i18n/zh-CN.ts';
import type { Role } from '../src/domain/types.ts';

/** 帮助 is generated from the command definitions, so it never drifts from them. */
export function renderHelp(commands: readonly Command[], role: Role): string {
  const sections = new Map<string, string[]>();
  for (const c of commands) {
    if (c.roles && !c.roles.includes(role)) continue;
    const lines = sections.get(c.section) ?? [];
    lines.push(`· ${c.name}：${c.summary}\n  例：${c.usage}`);
    sections.set(c.section, lines);
  }
  const body = [...sections].map(([section, lines]) => `【${section}】\n${lines.join('\n')}`);
  return [zh.help.title, ...body, zh.help.footer].join('\n');
}

export default defineCommand({
  name: '帮助',
  aliases: ['help', '菜单', '使用说明', '命令'],
  section: '查询',
  summary: '列出可用的命令',
  usage: '帮助',
  args: rawArgs,
  async run(ctx) {
    await ctx.reply(renderHelp(ctx.commands, ctx.sender.role));
  },
});

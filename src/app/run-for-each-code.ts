import type { Command, CommandContext } from '../features/command.ts';
import type { Person } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/**
 * Runs a command once per hazard code of `YH-0008、YH-0012 验收通过` and answers in one reply
 * listing each result, so every code is either acted on or refused where people can see it.
 * Pushes to other groups go out per code, as they would for single messages.
 */
export async function runForEachCode(ctx: CommandContext, command: Command, args: object, codes: readonly string[]): Promise<void> {
  const results: string[] = [];
  const mentions = new Map<number, Person>();
  for (const [i, code] of codes.entries()) {
    const said: string[] = [];
    const each: CommandContext = {
      ...ctx,
      async reply(text, people = []) {
        said.push(text);
        for (const p of people) mentions.set(p.id, p);
      },
    };
    await command.run(each, { ...args, code });
    const text = said.join('\n');
    results.push(`${i + 1}. ${text.startsWith(code) ? text : `${code}：${text}`}`);
  }
  await ctx.reply([zh.common.eachCode(codes.length), ...results].join('\n'), [...mentions.values()]);
}

import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { importRoster } from '../src/features/import-roster.ts';
import { RosterError, readRoster } from '../src/features/roster-file.ts';
import { zh } from '../src/i18n/zh-CN.ts';

/**
 * The running bot takes a changed roster: an admin edits the file HZ_ROSTER names and sends this.
 * `npm run roster -- import` cannot while the bot holds the database, and watching the file would
 * apply a half-saved edit; here an admin says when, and the answer says what changed or which
 * lines are wrong. Only the configured file is read: a chat message never names a server path.
 */
export default defineCommand({
  name: '重新加载名册',
  aliases: ['重载名册', '更新名册', '刷新名册'],
  roles: ['admin'],
  section: '设置',
  summary: '改完名册文件（HZ_ROSTER）后发这条，机器人不必重启即按新名册新增或更新单位、人员、群',
  usage: '重新加载名册',
  args: rawArgs,
  async run(ctx) {
    const file = ctx.config.rosterFile;
    if (!file) return ctx.reply(zh.roster.notConfigured);
    const name = basename(file);
    if (!existsSync(file)) return ctx.reply(zh.roster.missing(name));
    let roster;
    try {
      roster = readRoster(file);
    } catch (error) {
      if (error instanceof RosterError) return ctx.reply(zh.roster.refused(name, error.problems));
      throw error;
    }
    // inside this message's transaction: the whole roster or nothing
    try {
      await ctx.reply(zh.roster.reloaded(name, await importRoster(ctx.store, roster, ctx.now)));
    } catch (error) {
      // an id the ledger holds for another person: refused before anything was written
      if (error instanceof RosterError) return ctx.reply(zh.roster.refused(name, error.problems));
      throw error;
    }
  },
});

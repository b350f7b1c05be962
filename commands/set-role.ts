import { z } from 'zod';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { removesLastAdmin } from '../src/features/last-admin.ts';
import { parseRole } from '../src/parse/parse-role.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '设置角色 张伟 监管部门';
const WORDS = '请依次写：姓名 角色';

export default defineCommand({
  name: '设置角色',
  aliases: ['修改角色', '设定角色'],
  roles: ['admin'],
  section: '设置',
  summary: '修改名册中一个人的角色',
  usage,
  args: rawArgs.transform((a) => a.text.split(/[\s,]+/).filter(Boolean)).pipe(
    z.tuple([z.string({ error: WORDS }), z.string({ error: WORDS })], { error: WORDS }),
  ),
  async run(ctx, [name, roleWord]) {
    const role = parseRole(roleWord);
    if (!role) return ctx.reply(zh.config.roleUnknown(roleWord, usage));
    const people = await ctx.store.roster.peopleByName(name);
    const [only, ...others] = people;
    if (!only) return ctx.reply(zh.config.personUnknown(name));
    if (others.length > 0) return ctx.reply(zh.config.personAmbiguous(name));
    if (await removesLastAdmin(ctx.store, only, role)) return ctx.reply(zh.config.lastAdmin(only.name));
    await ctx.store.roster.setRole(only.id, role);
    await ctx.reply(zh.config.roleSet(name, zh.roles[role]));
  },
});

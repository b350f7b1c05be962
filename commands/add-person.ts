import { z } from 'zod';
import { defineCommand } from '../src/app/command.ts';
import { rawArgs } from '../src/app/args.ts';
import { parseRole } from '../src/parse/parse-role.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '添加人员 张伟 红星化工 联系人';

export default defineCommand({
  name: '添加人员',
  aliases: ['新增人员', '添加联系人'],
  roles: ['admin'],
  section: '设置',
  summary: '把一个人加入名册（姓名 单位 角色：管理员/领导/监管部门/联系人）',
  usage,
  args: rawArgs.transform((a) => a.text.split(/[\s,]+/).filter(Boolean)).pipe(
    z.tuple([z.string(), z.string(), z.string()], { error: '请依次写：姓名 单位 角色' }).rest(z.string()),
  ),
  async run(ctx, [name, unitName, roleWord]) {
    const role = parseRole(roleWord);
    if (!role) return ctx.reply(`角色「${roleWord}」无效，可选：管理员、领导、监管部门、联系人。\n用法：${usage}`);
    const unit = await ctx.store.roster.unitByName(unitName);
    if (!unit) return ctx.reply(zh.config.unitUnknown(unitName));
    const { person, changed } = await ctx.store.roster.upsertPerson({ name, unitId: unit.id, role });
    const existedBefore = !changed || person.id <= 0;
    await ctx.reply((existedBefore ? zh.config.personUpdated : zh.config.personAdded)(name, unit.name, zh.roles[role]));
  },
});

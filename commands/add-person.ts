import { z } from 'zod';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { removesLastAdmin } from '../src/features/last-admin.ts';
import { parseRole } from '../src/parse/parse-role.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '添加人员 张伟 红星化工 联系人';
const WORDS = '请依次写：姓名 单位 角色';
/** A name shows in every list and reply: no @, no tags, nothing invisible, and short. */
const NAME = /^[^\s@<>＠\p{C}]{1,20}$/u;

export default defineCommand({
  name: '添加人员',
  aliases: ['新增人员', '添加联系人'],
  roles: ['admin'],
  section: '设置',
  summary: '把一个人加入名册（姓名 单位 角色：管理员/领导/监管部门/联系人）',
  usage,
  args: rawArgs.transform((a) => a.text.split(/[\s,]+/).filter(Boolean)).pipe(
    z.tuple([z.string({ error: WORDS }), z.string({ error: WORDS }), z.string({ error: WORDS })], { error: WORDS }).rest(z.string()),
  ),
  async run(ctx, [name, unitName, roleWord]) {
    if (!NAME.test(name)) return ctx.reply(zh.config.nameInvalid(20));
    const role = parseRole(roleWord);
    if (!role) return ctx.reply(zh.config.roleUnknown(roleWord, usage));
    const unit = await ctx.store.roster.unitByName(unitName);
    if (!unit) return ctx.reply(zh.config.unitUnknown(unitName));
    // someone already there keeps their platform ids and mobile: only the role changes
    const existing = (await ctx.store.roster.peopleByName(name)).find((p) => p.unitId === unit.id);
    if (existing && (await removesLastAdmin(ctx.store, existing, role))) return ctx.reply(zh.config.lastAdmin(existing.name));
    if (existing) await ctx.store.roster.setRole(existing.id, role);
    else await ctx.store.roster.upsertPerson({ name, unitId: unit.id, role }, ctx.now);
    await ctx.reply((existing ? zh.config.personUpdated : zh.config.personAdded)(name, unit.name, zh.roles[role]));
  },
});

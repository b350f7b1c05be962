import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { runDecision } from '../src/features/enforcement-decision.ts';

const usage = '约谈 红星化工 约谈主要负责人，督促YH-0001限期整改';

/** 约谈: a record of who was called in and why; nothing else is required. */
export default defineCommand({
  name: '约谈',
  aliases: ['约谈企业', '约谈负责人', '警示约谈'],
  roles: ['department', 'admin'],
  section: '执法',
  summary: '记录约谈（被约谈单位、事由）',
  usage,
  args: rawArgs,
  run: (ctx, args) => runDecision(ctx, 'interview', args, usage),
});

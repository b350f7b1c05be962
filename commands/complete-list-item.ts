import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { completeListItem } from '../src/features/complete-list-item.ts';

export default defineCommand({
  // 补全 alone is a word other commands' help uses (放弃正在补全的隐患登记): the listed name says which
  name: '补全清单',
  aliases: ['补全', '清单补全'],
  roles: ['admin', 'department'],
  section: '隐患登记',
  summary: '为问题清单中待明确的一项补上责任人和整改时限，登记为隐患并通知单位',
  usage: '补全 QD-0001 第2项 责任人 钱经理 12月20日前',
  args: rawArgs,
  async run(ctx, args) {
    await completeListItem(ctx, args.text, args.mentions);
  },
});

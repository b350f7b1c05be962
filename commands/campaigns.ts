import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { showCampaigns } from '../src/features/campaigns.ts';

export default defineCommand({
  name: '专项整治',
  aliases: ['专项行动', '专项治理'],
  roles: ['admin', 'leader', 'department'],
  section: '查询',
  summary: '专项整治及其进度；「专项整治 新建 名称 行业 危化品 牵头 应急管理局 截止日期」新建一项',
  usage: '专项整治 新建 危化品安全专项整治 行业 危化品 牵头 应急管理局 2027年3月31日',
  args: rawArgs,
  async run(ctx, args) {
    await showCampaigns(ctx, args.text);
  },
});

import { z } from 'zod';
import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { issueDashboardLink, rotateDashboardKey } from '../src/features/dashboard-links.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const usage = '看板（或：看板 撤销；管理员：看板 换钥）';

export default defineCommand({
  name: '看板',
  aliases: ['数据看板', '一张图'],
  roles: ['leader', 'department', 'admin'],
  section: '查询',
  summary: '一个有效期内的只读看板链接（私信发送）：本人可见范围的总数、趋势、逾期和督办',
  usage,
  args: rawArgs.transform((a, ctx) => {
    const rest = a.text.replace(/\s+/g, '');
    if (rest === '' ) return { action: 'link' } as const;
    if (/^(撤销|作废|收回|取消)(链接)?$/.test(rest)) return { action: 'revoke' } as const;
    if (/^(换钥|更换密钥|换密钥)$/.test(rest)) return { action: 'rotate' } as const;
    ctx.addIssue({ code: 'custom', message: zh.dashboard.unknown(a.text.trim()) });
    return z.NEVER;
  }),
  async run(ctx, args) {
    if (args.action === 'revoke') {
      const count = await ctx.store.dashboard.revokeLinks(ctx.sender.id, ctx.now);
      await ctx.reply(zh.dashboard.revoked(count));
      return;
    }
    if (args.action === 'rotate') {
      if (ctx.sender.role !== 'admin') {
        await ctx.reply(zh.dashboard.rotateAdminOnly);
        return;
      }
      await rotateDashboardKey(ctx.store, ctx.now);
      await ctx.reply(zh.dashboard.rotated);
      return;
    }
    const { url, expiresAt } = await issueDashboardLink(ctx.store, ctx.sender, ctx.config.dashboard, ctx.now);
    const text = zh.dashboard.link(url, expiresAt, ctx.config.dashboard.linkHours);
    // the link lets whoever holds it see what the sender may see: it goes to the sender alone
    if (!ctx.group) {
      await ctx.reply(text);
      return;
    }
    await ctx.push({ groupId: null, personId: ctx.sender.id, text, mentions: [] });
    await ctx.reply(zh.dashboard.sentPrivately, [ctx.sender]);
  },
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../../helpers/chat.ts';
import { G } from '../../helpers/hazards.ts';
import { gappyList, inspectionList } from '../../fixtures/problem-lists/build.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

const textsIn = (out: Awaited<ReturnType<Chat['send']>>, group: string) => out.filter((d) => d.group?.name === group).map((d) => d.text);

describe('an imported list is announced per unit group and to the supervising department (#15 item 3)', () => {
  it('sends each unit group one message listing its items, owners mentioned, and each department one for its units', async () => {
    await chat.send(G.leaders, '赵主任', '', { attachments: [{ name: '督查反馈.xlsx', mime: XLSX, data: await inspectionList() }] });
    const out = await chat.send(G.leaders, '赵主任', '确认导入');
    expect(textsIn(out, G.redStar)).toEqual([[
      '【问题清单 QD-0001】省安委会第三督查组安全生产督查问题清单：红星化工 2 项，请对照整改，按时报告进度。',
      '1. YH-0001 储罐区可燃气体报警器未定期检定｜责任人 张伟｜时限 12月15日',
      '2. YH-0002 动火作业票证审批不规范｜责任人 李强｜时限 12月20日',
      '回复「YH-0001 进度60% 已做的工作」报告进度，整改完成回复「YH-0001 整改完成 请验收」。',
    ].join('\n')]);
    expect(out.find((d) => d.group?.name === G.redStar)?.mentions.map((p) => p.name)).toEqual(['张伟', '李强']);
    expect(textsIn(out, G.blueSky)).toHaveLength(1);
    expect(textsIn(out, G.site)).toHaveLength(1);
    expect(textsIn(out, G.safety)).toEqual([[
      '【问题清单 QD-0001】省安委会第三督查组安全生产督查问题清单：所监管单位共 4 项，已登记 4 项。',
      '· 红星化工 2 项：YH-0001、YH-0002',
      '· 蓝天物流 2 项：YH-0004、YH-0005',
    ].join('\n')]);
    expect(textsIn(out, G.housing)).toEqual(['【问题清单 QD-0001】省安委会第三督查组安全生产督查问题清单：所监管单位共 1 项，已登记 1 项。\n· 城南建筑工地 1 项：YH-0003']);
  });

  it('asks the department to complete the 待明确 items, and 补全 makes one a hazard told to its unit', async () => {
    await chat.send(G.safety, '王建国', '', { attachments: [{ name: '消防检查.xlsx', mime: XLSX, data: await gappyList() }] });
    const out = await chat.send(G.safety, '王建国', '确认导入 红兴化工=红星化工');
    expect(textsIn(out, G.safety)[1]).toBe([
      '【问题清单 QD-0001】消防安全专项检查问题清单：所监管单位共 3 项，已登记 2 项，待明确 1 项请补全。',
      '· 红星化工 2 项：YH-0001、YH-0002',
      '· 蓝天物流 1 项',
      '  待明确 第2项 仓库灭火器过期（缺责任人）',
      '补全后即登记为隐患并通知单位，例：补全 QD-0001 第2项 责任人 张伟 12月20日前',
    ].join('\n'));
    expect(textsIn(out, G.blueSky)).toEqual([[
      '【问题清单 QD-0001】消防安全专项检查问题清单：蓝天物流 1 项，请对照整改，按时报告进度。',
      '1. 第2项 仓库灭火器过期｜待明确：监管部门将补全责任人和时限',
    ].join('\n')]);
    // 实验小学 is supervised by 城关镇: its two 待明确 items go to the town's group
    expect(textsIn(out, G.town)).toEqual([[
      '【问题清单 QD-0001】消防安全专项检查问题清单：所监管单位共 2 项，已登记 0 项，待明确 2 项请补全。',
      '· 实验小学 2 项',
      '  待明确 第3项 校园消防栓无水（缺整改时限）',
      '  待明确 第6项 宿舍楼疏散指示标志损坏（缺责任人、缺整改时限）',
      '补全后即登记为隐患并通知单位，例：补全 QD-0001 第3项 责任人 张伟 12月20日前',
    ].join('\n')]);

    expect(textsIn(await chat.send(G.town, '周镇长', '补全 QD-0001 第3项 责任人 李四'), G.town)).toEqual(['还不能登记：缺整改时限。例：补全 QD-0001 第2项 责任人 张伟 12月20日前']);
    expect(textsIn(await chat.send(G.site, '吴工', '补全 QD-0001 第3项 责任人 李四 12月20日前'), G.site)[0]).toContain('补全');
    const done = await chat.send(G.town, '周镇长', '补全 QD-0001 第3项 责任人 李四 12月20日前');
    const told = '问题清单 QD-0001 第3项已补全，登记为 YH-0003：实验小学 校园消防栓无水｜责任人 李四｜时限 12月20日。\n请责任人按时整改，回复「YH-0003 进度60% 已做的工作」报告进度。';
    expect(textsIn(done, G.town)).toEqual([told]);
    expect(textsIn(done, G.school)).toEqual([told]);
    const hazard = await chat.read((s) => s.hazards.byCode('YH-0003'));
    expect([hazard?.unitName, hazard?.ownerName, hazard?.deadline, hazard?.source, hazard?.reporterName]).toEqual(['实验小学', '李四', '2026-12-20', 'campaign', '周镇长']);
    expect(textsIn(await chat.send(G.town, '周镇长', '补全 QD-0001 第3项 责任人 李四 12月20日前'), G.town)).toEqual(['问题清单 QD-0001 第3项已登记为 YH-0003，不需要补全。']);
  });
});

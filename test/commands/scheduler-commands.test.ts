import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { pngSize, testCardRenderer } from '../helpers/cards.ts';
import { buildLedger } from '../helpers/ledger.ts';

let chat: Chat;
afterEach(async () => {
  await chat.close();
});

const firstLines = (text: string | undefined, n: number) => text?.split('\n').slice(0, n);

describe('今日汇总', () => {
  it('answers with the digest of what the asking group may see', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);

    const [county] = await chat.send('县安委会领导群', '刘县长', '今日汇总');
    expect(firstLines(county?.text, 3)).toEqual([
      '【今日汇总】12月3日 · 全县',
      '今日新增 1 项（重大 0）｜今日销号 0 项｜今日报进度 3 项',
      '未销号 4 项：重大 1、一般 3',
    ]);
    const [department] = await chat.send('应急管理局监管群', '王建国', '今日汇总');
    expect(firstLines(department?.text, 3)).toEqual([
      '【今日汇总】12月3日 · 应急管理局及所监管单位',
      '今日新增 1 项（重大 0）｜今日销号 0 项｜今日报进度 2 项',
      '未销号 3 项：重大 1、一般 2',
    ]);
    const [unit] = await chat.send('实验小学安全群', '李四', '今日汇总');
    expect(unit?.text).toBe([
      '【今日汇总】12月3日 · 实验小学',
      '今日新增 0 项（重大 0）｜今日销号 0 项｜今日报进度 1 项',
      '未销号 1 项：重大 0、一般 1',
      '按类别：消防 1',
      '逾期 1 项（重大 0）：',
      '1. YH-0003 实验小学：消防通道被占用｜李四｜逾期1天',
      '逾期最多的单位：实验小学 1 项',
      '今日进度：',
      '· YH-0003 实验小学 进度30%（李四）',
    ].join('\n'));
    expect(unit?.group?.name).toBe('实验小学安全群');
  });

  it('carries the digest card as the 17:30 digest does, where cards are drawn (#14 note)', async () => {
    chat = await createChat({ at: '2026-12-01 08:00', cards: testCardRenderer() });
    await buildLedger(chat);
    const out = await chat.send('县安委会领导群', '刘县长', '今日汇总');
    expect(out.map((d) => d.group?.name)).toEqual(['县安委会领导群']);
    expect(out[0]?.text).toMatch(/^【今日汇总】12月3日 · 全县/);
    expect(out[0]?.file?.name).toMatch(/\.png$/);
    expect(pngSize(out[0]!.file!.data).width).toBe(1080);
  });

  it('says so when there is nothing to report', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    const [reply] = await chat.send('城南工地安全群', '吴工', '今日汇总');
    expect(reply?.text).toBe('今日汇总 · 城南建筑工地：暂无未销号隐患，今日也没有新增、销号和进度。');
  });
});

describe('提醒设置', () => {
  it('shows the schedule as configured', async () => {
    chat = await createChat({ at: '2026-06-01 10:00' });
    const [reply] = await chat.send('红星化工安全对接群', '张伟', '提醒设置');
    expect(reply?.text).toBe([
      '提醒设置',
      '· 今日提醒：每个工作日 09:00 每个群一条，分节列出：逾期、即将到期（到期前 3 天、1 天、当天，遇周末节假日提前到之前的工作日）、挂牌督办（列入次日和每周一）、治理方案未齐（每周一）、滚动检查（到期日起每周一次）',
      '· 逾期：单位群逾期第一周每个工作日提醒，之后每周一；逾期超过 1 天升级到监管部门群，超过 3 天升级到领导群（领导群只在升级当天和每周一列出）；重大隐患逾期首日即报，节假日照发',
      '· 升级到领导时在领导群里 @名册中的分管领导；主要领导只在挂牌督办事项、重大隐患逾期超过 7 天时一并告知',
      '· 每日汇总：每个工作日 17:30 发到领导群和各监管部门群（周末节假日的情况并入下一个工作日）',
      '· 每周小结：每周一 09:00 发到领导群',
      '· 免打扰：21:00–08:00；周末和法定节假日（按国务院安排，含调休）不推送例行提醒，顺延到下一个可推送时间',
      '同一群每天上午只发一条例行提醒，同一隐患只列一次；停机期间错过的当天提醒在重启后补发一次，过了当天不再补发。',
      '如需调整，请管理员修改 HZ_MORNING_TIME 等配置后重启。',
    ].join('\n'));
  });

  it('warns when next year\'s official holidays are not known yet', async () => {
    chat = await createChat({ at: '2026-11-20 10:00' });
    const [reply] = await chat.send('红星化工安全对接群', '张伟', '提醒设置');
    expect(reply?.text).toContain('日历数据尚未收录 2027 年的法定节假日安排，暂按周末计算');
  });
});

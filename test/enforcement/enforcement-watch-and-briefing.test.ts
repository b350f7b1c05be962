import { afterEach, describe, expect, it } from 'vitest';
import { proposeWatchList } from '../../src/jobs/propose-watch-list.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { valveJpeg } from '../helpers/evidence.ts';
import { G } from '../helpers/hazards.ts';
import { runJob } from '../jobs/helpers.ts';

let chat: Chat;
afterEach(async () => {
  await chat.close();
});

const watch = proposeWatchList({ majorOverdueDays: 15, overdueCount: 3, rebound: true, enforcementCount: 2, suspension: true });
const texts = async () => (await runJob(chat, watch)).filter((m) => m.to === G.leaders).map((m) => m.text);

describe('enforcement feeds the 重点关注 watch rules', () => {
  it('proposes a unit at its second decision in a year, and at once for a 停产整顿; a correction counts once', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    await chat.send(G.safety, '王建国', '罚款 蓝天物流 5000元');
    await chat.send(G.safety, '王建国', '更正执法 ZF-0001 罚款 6000元');
    expect(await texts()).toEqual([]);
    await chat.send(G.safety, '王建国', '约谈 蓝天物流 主要负责人');
    expect(await texts()).toEqual([[
      '【重点关注·待确认】蓝天物流：一年内受到执法决定2次及以上',
      '依据：ZF-0002 12月1日 罚款；ZF-0003 12月1日 约谈',
      '请管理员回复「确认重点关注 蓝天物流」或「不予关注 蓝天物流 原因」。',
    ].join('\n')]);
    await chat.send(G.safety, '赵主任', '不予关注 蓝天物流 已整改');
    expect(await texts()).toEqual([]);

    await chat.send(G.safety, '王建国', '停产整顿 红星化工 文号：应急停〔2026〕1号');
    expect(await texts()).toEqual([[
      '【重点关注·待确认】红星化工：被责令停产整顿或关闭取缔',
      '依据：ZF-0004 12月1日 停产整顿',
      '请管理员回复「确认重点关注 红星化工」或「不予关注 红星化工 原因」。',
    ].join('\n')]);
  });
});

describe('one 重点关注 proposal per unit and day (#16 leftover)', () => {
  it('a second decision that is a 停产整顿 makes one proposal naming both causes, not two', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    await chat.send(G.safety, '王建国', '罚款 红星化工 5000元');
    await chat.send(G.safety, '王建国', '停产整顿 红星化工 文号：应急停〔2026〕1号');
    expect(await texts()).toEqual([[
      '【重点关注·待确认】红星化工：一年内受到执法决定2次及以上；被责令停产整顿或关闭取缔',
      '依据：ZF-0001 12月1日 罚款；ZF-0002 12月1日 停产整顿',
      '请管理员回复「确认重点关注 红星化工」或「不予关注 红星化工 原因」。',
    ].join('\n')]);
    // one confirmation settles both
    expect((await chat.send(G.safety, '赵主任', '确认重点关注 红星化工'))[0]?.text).toBe('已确认将 红星化工 列入重点关注（2 项提议），该单位将标注〔重点关注〕。');
  });
});

describe('enforcement in the 通报', () => {
  it('counts the month\'s decisions by kind, sums the fines as corrected, and says whether a suspension was lifted', async () => {
    chat = await createChat({ jobs: [], at: '2026-12-01 09:00' });
    await chat.send(G.safety, '王建国', '罚款 蓝天物流 5000元');
    await chat.send(G.safety, '王建国', '更正执法 ZF-0001 罚款 6000元');
    await chat.send(G.safety, '王建国', '罚款 红星化工 3万元');
    await chat.send(G.safety, '王建国', '停产整顿 红星化工');
    await chat.send(G.safety, '王建国', '移送 红星化工 至县公安局');
    await chat.send(G.safety, '王建国', '解除停产 红星化工 验收合格', { attachments: [valveJpeg()] });
    await chat.send(G.housing, '孙建设', '停产整顿 城南建筑工地 至12月31日');
    await chat.setClock('2027-01-02 10:00');
    const text = (await chat.send(G.leaders, '刘县长', '上月通报'))[0]?.text ?? '';
    expect(text).toContain([
      '六、执法情况',
      '本期记录执法决定 5 项：罚款 2 项共 3.6万元、停产整顿 2 家（红星化工，已解除；城南建筑工地，未解除）、移送 1 件；涉及 蓝天物流、红星化工、城南建筑工地。解除停产 1 家（均附复产验收材料）。',
      '七、工作要求',
    ].join('\n'));
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { valveJpeg } from '../helpers/evidence.ts';
import { G, groups, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ jobs: [], at: '2026-12-02 09:00' });
});
afterEach(async () => {
  await chat.close();
});

describe('recording enforcement decisions', () => {
  it('records 责令限期整改 against a hazard, tells the unit, and writes it into the hazard history', async () => {
    const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人@张伟，12月15日前整改完毕');
    const out = await chat.send(G.safety, '王建国', `责令限期整改 红星化工 ${code} 限期12月20日前 文号：应急责改〔2026〕3号`);
    expect(groups(out)).toEqual([G.safety, G.redStar]);
    expect(out[0]?.text).toBe([
      '已记录执法 ZF-0001：红星化工 责令限期整改',
      `涉及隐患：${code}`,
      '整改期限：12月20日前',
      '文号：应急责改〔2026〕3号',
      '记录人：王建国（应急管理局）｜12月2日 09:00',
      '证据材料：无（决定书、现场照片可在30分钟内在本群直接发送，存为本记录的证据）',
      '执法记录不可修改；如有错误，请发「更正执法 编号 正确内容」另记一条更正记录。',
      `整改时限已按责令限期改为12月20日：${code}（原12月15日），请按新时限整改。`,
    ].join('\n'));
    // the unit's group is told the same, new time limit included
    expect(out[1]?.text).toBe(out[0]?.text);
    // the order sets the hazard's own time limit; the original stays on record (#16 leftover)
    const hazard = await chat.read((s) => s.hazards.byCode(code));
    expect([hazard?.deadline, hazard?.originalDeadline]).toEqual(['2026-12-20', '2026-12-15']);
    const detail = (await chat.send(G.redStar, '张伟', `查询 ${code}`))[0]?.text ?? '';
    expect(detail).toContain('\n时限：12月20日（责令限期整改 ZF-0001）（剩18天）（原定12月15日）\n');
    expect(detail).toContain('王建国 执法：责令限期整改 ZF-0001：整改时限改为12月20日（原12月15日）');
    // the decision document, photographed right after: evidence of the record
    const photo = await chat.send(G.safety, '王建国', '', { attachments: [valveJpeg('决定书.jpg')] });
    expect(texts(photo)).toEqual(['已存为执法记录 ZF-0001（红星化工 责令限期整改）的证据：1个文件，共1个。']);
    const list = (await chat.send(G.safety, '王建国', '执法记录 红星化工'))[0]?.text ?? '';
    expect(list).toBe(`红星化工执法记录（共 1 条）｜当前：无停产整顿\n1. ZF-0001 12月2日 责令限期整改（12月20日前） ${code}｜王建国｜应急责改〔2026〕3号｜附件1个`);
    // overdue counts to the ordered day: past the original 12月15日 it is not overdue yet
    await chat.setClock('2026-12-16 10:00');
    expect((await chat.send(G.safety, '王建国', '逾期隐患'))[0]?.text).toBe('逾期隐患：暂无。');
  });

  it('reads fines exactly and never guesses the unit of an amount', async () => {
    const fine = (t: string) => chat.send(G.safety, '王建国', `罚款 红星化工 ${t}`).then((o) => o[0]?.text ?? '');
    expect(await fine('30000')).toContain('罚款金额「30000」没有写单位');
    expect(await fine('3万元 另对负责人罚款5000元')).toContain('写了几个不同的金额（3万元、5000元）');
    expect(await fine('一万二元')).toContain('没看懂罚款金额');
    expect(await fine('1.23456万元')).toContain('不是整数元');
    // -3万元 was recorded as a fine of 3万元, and 3-5万元 as 5万元
    expect(await fine('-3万元 文号：应急罚〔2026〕12号')).toContain('罚款金额「-3万元」不能是负数，本次未记录');
    expect(await fine('负三万元')).toContain('罚款金额「负三万元」不能是负数');
    expect(await fine('3-5万元')).toContain('没看懂罚款金额「3-5万元」');
    expect(await chat.read((s) => s.enforcement.byCode('ZF-0001'))).toBeNull();
    expect(await fine('三万五千元 文号：应急罚〔2026〕12号 违规动火作业')).toContain('罚款金额：3.5万元（35000元）\n文号：应急罚〔2026〕12号\n说明：违规动火作业');
  });

  it('lets only the supervising department or an admin record, and says so', async () => {
    expect(texts(await chat.send(G.housing, '孙建设', '约谈 红星化工 主要负责人'))).toEqual(['执法记录只能由红星化工的监管部门（应急管理局）或管理员登记，本次未记录。']);
    expect(texts(await chat.send(G.redStar, '张伟', '罚款 红星化工 3万元'))).toEqual(['「罚款」只有监管部门、管理员可以使用。']);
    expect(texts(await chat.send(G.safety, '王建国', '约谈 火星化工 主要负责人'))[0]).toContain('单位「火星化工」不在名册中，本次未记录');
    expect(texts(await chat.send(G.safety, '王建国', '移送 红星化工 涉嫌违法'))[0]).toContain('移送须写明移送给谁');
    expect(texts(await chat.send(G.safety, '赵主任', '移送 红星化工 至县公安局 涉嫌重大责任事故'))[0]).toContain('移送：县公安局\n');
  });

  it('flags a unit under 停产整顿 until a lift with acceptance evidence', async () => {
    const code = await registerHazard(chat, '红星化工 配电室电缆沟积水 责任人@张伟 12月15日前');
    const out = await chat.send(G.safety, '王建国', '停产整顿 红星化工 12月2日至12月31日 文号：应急停〔2026〕1号');
    expect(out[0]?.text).toContain('停产整顿：自12月2日起至12月31日');
    expect((await chat.send(G.redStar, '张伟', '我的隐患'))[0]?.text).toContain(`${code} 红星化工〔停产整顿〕：`);
    expect(texts(await chat.send(G.safety, '王建国', '停产整顿 红星化工'))[0]).toContain('红星化工已在停产整顿中（ZF-0001');
    expect(texts(await chat.send(G.safety, '王建国', '解除停产 红星化工 验收合格'))[0]).toContain('解除停产须附复产验收材料');
    expect((await chat.send(G.redStar, '张伟', '我的隐患'))[0]?.text).toContain('红星化工〔停产整顿〕');
    const lifted = await chat.send(G.safety, '王建国', '解除停产 红星化工 验收意见：整改到位，同意复产', { attachments: [valveJpeg('验收.jpg')] });
    expect(lifted[0]?.text).toContain('已记录 ZF-0002：红星化工 解除停产（ZF-0001 停产整顿自12月2日起至12月31日，实际0天）\n验收材料：1个文件\n验收意见：整改到位，同意复产');
    expect((await chat.send(G.redStar, '张伟', '我的隐患'))[0]?.text).not.toContain('〔停产整顿〕');
    expect(texts(await chat.send(G.safety, '王建国', '解除停产 红星化工'))).toEqual(['红星化工目前没有停产整顿，无需解除。']);
    const files = await chat.read((s) => s.enforcement.byCode('ZF-0002'));
    expect(existsSync(join(chat.dir, 'data', files?.attachments[0]?.path ?? 'none'))).toBe(true);
  });

  it('corrects a record with a new one, the old kept on file', async () => {
    await chat.send(G.safety, '王建国', '罚款 红星化工 3万元 文号：应急罚〔2026〕12号');
    const out = await chat.send(G.safety, '王建国', '更正执法 ZF-0001 罚款 5万元');
    expect(out[0]?.text).toContain('已记录执法 ZF-0002：红星化工 罚款\n罚款金额：5万元（50000元）\n文号：应急罚〔2026〕12号');
    expect(out[0]?.text).toContain('（更正 ZF-0001，原记录留档）');
    expect(texts(await chat.send(G.safety, '王建国', '更正执法 ZF-0001 罚款 6万元'))).toEqual(['ZF-0001 已被 ZF-0002 更正，请更正 ZF-0002。']);
    const list = (await chat.send(G.safety, '王建国', '执法记录 红星化工'))[0]?.text ?? '';
    expect(list).toContain('1. ZF-0002 12月2日 罚款（5万元）');
    expect(list).toContain('2. ZF-0001 12月2日 罚款（3万元）｜王建国｜应急罚〔2026〕12号｜已被更正');
  });
});

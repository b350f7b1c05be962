import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { valveJpeg } from '../helpers/evidence.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
let code: string;
beforeEach(async () => {
  chat = await createChat({ jobs: [] });
  code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕');
});
afterEach(async () => {
  await chat.close();
});

const plan = async () => (await chat.read((s) => s.hazards.byCode(code)))?.plan;

describe('the major-hazard plan (重大隐患治理方案)', () => {
  it('is asked for when a major hazard is registered', async () => {
    const out = await chat.send(G.safety, '王建国', '登记隐患：红星化工 液氨管线腐蚀 重大隐患 责任人 李强 月底前');
    expect(out[0]?.text).toContain('重大隐患须报治理方案六项（目标任务、方法措施、资金物资、机构人员、时限要求、安全措施和应急预案）');
  });

  it('is gathered over several messages, in any order, saying what is missing', async () => {
    const first = await chat.send(G.redStar, '张伟', `${code} 治理方案 资金物资：预算12万元，已采购 应急预案：已编制并演练`);
    expect(texts(first)).toEqual([
      `已记录 ${code} 治理方案：资金物资、安全措施和应急预案。\n尚缺 4 项：目标任务、方法措施、机构人员、时限要求。请继续补充，例：「${code} 治理方案 目标任务：…」`,
    ]);
    expect(await plan()).toEqual({ funds: '预算12万元，已采购', safety: '已编制并演练' });

    const refused = await chat.send(G.redStar, '张伟', `${code} 整改完成`);
    expect(refused[0]?.text).toContain(`${code} 为重大隐患，治理方案还缺 目标任务、方法措施、机构人员、时限要求，补齐后才能提交验收。`);
    expect((await chat.read((s) => s.hazards.byCode(code)))?.status).toBe('registered');

    await chat.send(G.redStar, '张伟', `${code} 治理方案 时限要求：12月15日前 机构人员：设备部张伟牵头`);
    const last = await chat.send(G.redStar, '李强', `治理方案 ${code} 目标任务：消除泄漏\n方法措施：更换原厂呼吸阀`);
    expect(last[0]?.text).toContain('治理方案六项已齐全，整改完毕后可提交验收。');
    expect(await plan()).toEqual({
      funds: '预算12万元，已采购', safety: '已编制并演练', timeline: '12月15日前', organization: '设备部张伟牵头', goals: '消除泄漏', methods: '更换原厂呼吸阀',
    });
    const submitted = await chat.send(G.redStar, '张伟', `${code} 整改完成`, { attachments: [valveJpeg()] });
    expect(submitted[0]?.text).toContain('已提交验收');
  });

  it('shows where it stands, and how to write it when no part is read', async () => {
    await chat.send(G.redStar, '张伟', `${code} 治理方案 资金物资：12万元`);
    expect(texts(await chat.send(G.safety, '王建国', `${code} 治理方案`))).toEqual([
      `${code} 治理方案：1/6 项，缺目标任务、方法措施、机构人员、时限要求、安全措施和应急预案\n  资金物资：12万元`,
    ]);
    expect((await chat.send(G.redStar, '张伟', `${code} 治理方案 我们正在编制`))[0]?.text).toContain('没有读到方案内容');
    const detail = await chat.send(G.redStar, '张伟', `查询 ${code}`);
    expect(detail[0]?.text).toContain('治理方案：1/6 项，缺目标任务');
  });

  it('is written by the unit side only', async () => {
    expect(texts(await chat.send(G.blueSky, '钱经理', `${code} 治理方案 资金物资：12万元`))).toEqual(['只有本单位的联系人或整改责任人可以操作这条隐患。']);
    expect(texts(await chat.send(G.blueSky, '钱经理', `${code} 治理方案`))).toEqual([expect.stringContaining('您无权查看')]);
    expect(await plan()).toEqual({});
  });

  it('is not required of a general hazard', async () => {
    const general = await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    const out = await chat.send(G.blueSky, '钱经理', `${general} 整改完成`);
    expect(out[0]?.text).toContain('已提交验收');
    expect(texts(await chat.send(G.blueSky, '钱经理', `${general} 治理方案`))).toEqual([`${general} 尚未报送治理方案。`]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { defaultGovernance } from '../../src/app/config.ts';
import { FULL_PLAN, valveJpeg } from '../helpers/evidence.ts';
import { G, groups, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
afterEach(async () => {
  await chat.close();
});

async function withShare(share: number): Promise<Chat> {
  chat = await createChat({ jobs: [], config: { governance: { ...defaultGovernance(), reinspection: { share, rounds: [30, 90] } } } });
  return chat;
}

const checks = (code: string) => chat.read(async (s) => s.reinspections.pendingFor((await s.hazards.byCode(code))!.id));
const hazard = (code: string) => chat.read((s) => s.hazards.byCode(code));

async function closeMajor(): Promise<string> {
  const code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕');
  await chat.send(G.redStar, '张伟', `${code} ${FULL_PLAN}`);
  await chat.send(G.redStar, '张伟', `${code} 整改完成`, { attachments: [valveJpeg()] });
  await chat.send(G.safety, '王建国', `${code} 验收通过`);
  return code;
}

describe('rolling re-inspection (滚动检查)', () => {
  it('brings every major hazard back 30 and 90 days after closing; general ones only by the share', async () => {
    await withShare(0);
    const major = await closeMajor();
    expect((await checks(major)).map((r) => [r.round, r.dueOn, r.closedOn])).toEqual([[30, '2026-12-31', '2026-12-01'], [90, '2027-03-01', '2026-12-01']]);
    const general = await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    await chat.send(G.blueSky, '钱经理', `${general} 整改完成`);
    const accepted = await chat.send(G.safety, '王建国', `${general} 验收通过`);
    expect(accepted[0]?.text).not.toContain('滚动检查');
    expect(await checks(general)).toEqual([]);
  });

  it('draws general hazards too when the share says so, and says when', async () => {
    await withShare(1);
    const general = await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    await chat.send(G.blueSky, '钱经理', `${general} 整改完成`);
    const accepted = await chat.send(G.safety, '王建国', `${general} 验收通过`);
    expect(accepted[0]?.text).toContain('已抽中滚动检查：将于12月31日、2027年3月1日复查是否反弹。');
    expect(await checks(general)).toHaveLength(2);
  });

  it('passes a due check, answering a forgotten earlier round too', async () => {
    await withShare(0);
    const code = await closeMajor();
    expect(texts(await chat.send(G.safety, '王建国', `${code} 复查通过`))).toEqual([`${code} 的下一次复查在 2026-12-31，还没到期。`]);
    await chat.setClock('2027-03-02 10:00');
    expect(texts(await chat.send(G.redStar, '张伟', `${code} 复查通过`))).toEqual(['「复查通过」只有监管部门、管理员可以使用。']);
    expect(texts(await chat.send(G.housing, '孙建设', `${code} 复查通过`))).toEqual(['只有该单位的监管部门或管理员可以验收、驳回、审批延期和复查。']);
    expect(texts(await chat.send(G.safety, '王建国', `${code} 复查通过 现场未见泄漏`))).toEqual([`${code} 30天、90天复查通过，未发现反弹，记录留档。`]);
    expect(await checks(code)).toEqual([]);
    expect(texts(await chat.send(G.safety, '王建国', `${code} 复查通过`))).toEqual([`${code} 没有待复查的安排（未抽中滚动检查或已复查完毕）。`]);
    const events = await chat.read(async (s) => s.hazards.events((await s.hazards.byCode(code))!.id));
    expect(events.at(-1)).toMatchObject({ type: 'reinspection_passed', text: '现场未见泄漏', actorName: '王建国' });
  });

  it('reopens a hazard found rebounded, with a new time limit, and checks it again after it closes again', async () => {
    await withShare(0);
    const code = await closeMajor();
    await chat.setClock('2027-01-04 10:00');
    expect(texts(await chat.send(G.safety, '王建国', `${code} 复查发现反弹 限期7天`))).toEqual([expect.stringContaining('请写明反弹情况')]);
    expect(texts(await chat.send(G.safety, '王建国', `${code} 复查发现反弹 阀门再次泄漏`))).toEqual([expect.stringContaining('请写明重新整改的时限')]);
    const out = await chat.send(G.safety, '王建国', `${code} 复查发现反弹 阀门再次泄漏 限期7天`);
    expect(groups(out)).toEqual([G.safety, G.redStar]);
    expect(out[0]?.text).toBe(`${code} 复查发现反弹：阀门再次泄漏。已重新打开，请责任人 张伟 在 1月11日 前重新整改（原定时限 2026年12月15日 留档）。`);
    expect(out[1]?.mentions.map((p) => p.name)).toEqual(['张伟']);
    expect(await hazard(code)).toMatchObject({ status: 'rectifying', progress: 0, closedOn: null, deadline: '2027-01-11', originalDeadline: '2026-12-15' });
    expect(await checks(code)).toEqual([]); // the 90-day check is cancelled with the rebound

    await chat.send(G.redStar, '张伟', `${code} 整改完成 已更换密封件`);
    const again = await chat.send(G.safety, '王建国', `${code} 验收通过`);
    expect(again[0]?.text).toContain('已抽中滚动检查：将于2月3日、4月4日复查是否反弹。');
    expect((await checks(code)).map((r) => [r.round, r.closedOn])).toEqual([[30, '2027-01-04'], [90, '2027-01-04']]);
  });

  it('does not re-inspect an open hazard', async () => {
    await withShare(1);
    const code = await registerHazard(chat, '蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内');
    expect(texts(await chat.send(G.safety, '王建国', `${code} 复查通过`))).toEqual([`${code} 尚未销号，复查只针对已销号的隐患。`]);
  });
});

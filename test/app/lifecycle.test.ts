import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { FULL_PLAN, valveJpeg } from '../helpers/evidence.ts';

const UNIT_GROUP = '红星化工安全对接群';
const DEPT_GROUP = '应急管理局监管群';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

/** Registers the major hazard and has its owner send the six-part plan a major hazard needs. */
async function register(): Promise<string> {
  const out = await chat.send(DEPT_GROUP, '王建国', '登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕');
  const code = /YH-\d{4}/.exec(out[0]?.text ?? '')?.[0];
  if (!code) throw new Error(`not registered: ${chat.lines(out).join('\n')}`);
  await chat.send(UNIT_GROUP, '张伟', `${code} ${FULL_PLAN}`);
  return code;
}

const hazard = (code: string) => chat.read((s) => s.hazards.byCode(code));

describe('the hazard lifecycle', () => {
  it('registers, reports progress, submits, is rejected, resubmits and is accepted', async () => {
    const code = await register();
    expect(code).toBe('YH-0001');
    expect(await hazard(code)).toMatchObject({ status: 'registered', level: 'major', deadline: '2026-12-15', unitName: '红星化工', ownerName: '张伟', category: '危化品' });

    const progress = await chat.send(UNIT_GROUP, '张伟', `${code} 进度60% 已更换阀门，等待检测`, { attachments: [valveJpeg()] });
    expect(progress.map((d) => d.text)).toEqual([expect.stringContaining('进度 60%')]);
    expect(await hazard(code)).toMatchObject({ status: 'rectifying', progress: 60 });

    const submitted = await chat.send(UNIT_GROUP, '张伟', `${code} 整改完成 请验收`);
    expect(submitted.map((d) => d.group?.name)).toEqual([UNIT_GROUP, DEPT_GROUP]);
    expect(await hazard(code)).toMatchObject({ status: 'pending_review', progress: 100 });

    await chat.send(DEPT_GROUP, '王建国', `${code} 驳回 呼吸阀型号不符`);
    expect(await hazard(code)).toMatchObject({ status: 'rectifying' });

    await chat.send(UNIT_GROUP, '张伟', `${code} 整改完成`);
    const accepted = await chat.send(DEPT_GROUP, '王建国', `${code} 验收通过`);
    expect(accepted[0]?.text).toContain('验收通过，已销号');
    expect(await hazard(code)).toMatchObject({ status: 'closed', closedOn: '2026-12-01' });

    const events = await chat.read(async (s) => s.hazards.events((await s.hazards.byCode(code))!.id));
    expect(events.map((e) => e.type)).toEqual(['created', 'plan_updated', 'progress', 'submitted', 'rejected', 'submitted', 'accepted']);
    expect(events.map((e) => e.actorName)).toEqual(['王建国', '张伟', '张伟', '张伟', '王建国', '张伟', '王建国']);
  });

  it('keeps the original deadline through an approved extension', async () => {
    const code = await register();
    const asked = await chat.send(UNIT_GROUP, '张伟', `${code} 申请延期到12月30日 原因：配件未到货`);
    expect(asked.map((d) => d.group?.name)).toEqual([UNIT_GROUP, DEPT_GROUP]);
    expect(await hazard(code)).toMatchObject({ extensionTo: '2026-12-30', deadline: '2026-12-15' });
    const approved = await chat.send(DEPT_GROUP, '王建国', `${code} 批准延期`);
    expect(approved[0]?.text).not.toContain('新时限已过');
    expect(await hazard(code)).toMatchObject({ deadline: '2026-12-30', originalDeadline: '2026-12-15', extensionTo: null });
  });

  it('says so when an extension is approved after the day it asked for', async () => {
    const code = await register();
    await chat.send(UNIT_GROUP, '张伟', `${code} 申请延期到12月20日 原因：配件未到货`);
    await chat.setClock('2026-12-22 10:00');
    const approved = await chat.send(DEPT_GROUP, '王建国', `${code} 批准延期`);
    expect(approved[0]?.text).toContain('新时限 12月20日');
    expect(approved[0]?.text).toContain('新时限已过，此隐患仍按逾期计');
    expect(await hazard(code)).toMatchObject({ deadline: '2026-12-20', extensionTo: null });
  });

  it('keeps the deadline when an extension is denied', async () => {
    const code = await register();
    await chat.send(UNIT_GROUP, '张伟', `${code} 申请延期到12月30日 原因：配件未到货`);
    const denied = await chat.send(DEPT_GROUP, '王建国', `${code} 不予延期 配件可从邻县调货`);
    expect(denied[0]?.text).toContain('不予延期：配件可从邻县调货');
    expect(await hazard(code)).toMatchObject({ deadline: '2026-12-15', extensionTo: null });
  });

  it.each([
    ['accepting what was not submitted', DEPT_GROUP, '王建国', '{code} 验收通过', '还没有提交验收'],
    ['rejecting what was not submitted', DEPT_GROUP, '王建国', '{code} 驳回 不行', '还没有提交验收'],
    ['approving an extension nobody asked for', DEPT_GROUP, '王建国', '{code} 批准延期', '没有待审批的延期申请'],
    ['an extension to an earlier day', UNIT_GROUP, '张伟', '{code} 申请延期到12月10日 原因：太忙', '不晚于'],
    ['progress over 100%', UNIT_GROUP, '张伟', '{code} 进度150%', '超出范围'],
    ['a rejection without a reason', DEPT_GROUP, '王建国', '{code} 驳回', '驳回需写明原因'],
    // a mention says whom, not why: it was recorded as the reason
    ['a rejection whose reason is only a mention', DEPT_GROUP, '王建国', '{code} 驳回 @张伟', '驳回需写明原因'],
    ['an extension whose reason is only a mention', UNIT_GROUP, '张伟', '{code} 申请延期到12月30日 原因：@王建国', '延期须写明原因'],
  ])('refuses %s and changes nothing', async (_name, group, sender, text, reply) => {
    const code = await register();
    const before = await hazard(code);
    const out = await chat.send(group, sender, text.replace('{code}', code));
    expect(out.map((d) => d.text)).toEqual([expect.stringContaining(reply)]);
    expect(await hazard(code)).toEqual(before);
  });

  it('refuses any action on a closed hazard', async () => {
    const code = await register();
    await chat.send(UNIT_GROUP, '张伟', `${code} 整改完成`, { attachments: [valveJpeg()] });
    await chat.send(DEPT_GROUP, '王建国', `${code} 验收通过`);
    for (const text of [`${code} 进度50%`, `${code} 整改完成`, `${code} 申请延期到12月30日 原因：x`]) {
      const out = await chat.send(UNIT_GROUP, '张伟', text);
      expect(out[0]?.text).toContain('已销号，不能再操作');
    }
    await expect(chat.send(DEPT_GROUP, '王建国', `${code} 驳回 x`)).resolves.toEqual([expect.objectContaining({ text: expect.stringContaining('已销号') })]);
  });

  it('has effect once for a message id delivered twice', async () => {
    const first = await chat.send(DEPT_GROUP, '王建国', '登记隐患：蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内', { messageId: 'dup-1' });
    const again = await chat.send(DEPT_GROUP, '王建国', '登记隐患：蓝天物流 仓库消防通道堵塞 责任人 钱经理 3天内', { messageId: 'dup-1' });
    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual([]);
    expect(await chat.read((s) => s.hazards.count({ includeClosed: true }))).toBe(1);
  });

  it('ignores chat that is not a command', async () => {
    expect(await chat.send(UNIT_GROUP, '张伟', '收到，马上安排')).toEqual([]);
    expect(await chat.send(UNIT_GROUP, '陌生人', '大家好')).toEqual([]);
  });

  it('tells a stranger to ask an admin instead of acting', async () => {
    const out = await chat.send(UNIT_GROUP, '陌生人', '我的隐患');
    expect(out[0]?.text).toContain('不在名册中');
  });
});

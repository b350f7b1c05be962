import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, sentWorkbook, type Chat } from '../helpers/chat.ts';
import { FULL_PLAN, valveJpeg } from '../helpers/evidence.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

describe('a rejected hazard (#10 item 9)', () => {
  it('shows the progress from before the completion again, in lists and in the record', async () => {
    const code = await registerHazard(chat, '红星化工 储罐区呼吸阀损坏 责任人 张伟 12月20日前');
    await chat.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`);
    await chat.send(G.redStar, '张伟', `${code} 整改完成 请验收`);
    const rejected = await chat.send(G.safety, '王建国', `${code} 驳回 呼吸阀型号不符`);
    expect(rejected[0]?.text).toContain('进度60%');
    expect((await chat.read((s) => s.hazards.byCode(code)))?.progress).toBe(60);
    const list = await chat.send(G.redStar, '张伟', '本群隐患');
    expect(list[0]?.text).toContain('整改中60%');
    expect(list[0]?.text).not.toContain('100%');
  });

  it('shows the rejection in the Excel ledger: 整改中 at the earlier progress, never 100%', async () => {
    const code = await registerHazard(chat, '红星化工 储罐区呼吸阀损坏 责任人 张伟 12月20日前');
    await chat.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`);
    await chat.send(G.redStar, '张伟', `${code} 整改完成 请验收`);
    await chat.send(G.safety, '王建国', `${code} 驳回 呼吸阀型号不符`);
    const book = await sentWorkbook((await chat.send(G.safety, '王建国', '导出台账'))[0]);
    const ledger = book.getWorksheet('隐患台账');
    const header = Array.from(ledger?.getRow(2).values as unknown[]);
    const row = Array.from(ledger?.getRow(3).values as unknown[]);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('隐患编号')).toBe(code);
    expect(cell('状态')).toBe('整改中');
    expect(cell('进度')).toBe(0.6);
    expect(cell('验收人') ?? null).toBeNull();
    expect(cell('销号日期') ?? null).toBeNull();
  });

  it('goes back to 0% when no progress was reported before the completion', async () => {
    const code = await registerHazard(chat, '红星化工 配电室门口堆放杂物 责任人 张伟 12月20日前');
    await chat.send(G.redStar, '张伟', `${code} 整改完成`);
    await chat.send(G.safety, '王建国', `${code} 驳回 仍有杂物`);
    expect((await chat.read((s) => s.hazards.byCode(code)))?.progress).toBe(0);
  });
});

describe('submitting a major hazard without evidence (#10 item 8)', () => {
  it('says at submission that acceptance will need a photo or file, on both sides', async () => {
    const code = await registerHazard(chat, '红星化工 储罐区呼吸阀损坏 重大隐患 责任人 张伟 12月20日前');
    await chat.send(G.redStar, '张伟', `${code} ${FULL_PLAN}`);
    const out = await chat.send(G.redStar, '张伟', `${code} 整改完成 请验收`);
    const [reply, toDepartment] = texts(out);
    expect(reply).toContain('已提交验收');
    expect(reply).toContain('验收须有至少一份整改证据');
    expect(toDepartment).toContain('尚无整改证据');
  });

  it('says nothing more when the photo comes with the submission', async () => {
    const code = await registerHazard(chat, '红星化工 储罐区呼吸阀损坏 重大隐患 责任人 张伟 12月20日前');
    await chat.send(G.redStar, '张伟', `${code} ${FULL_PLAN}`);
    const out = await chat.send(G.redStar, '张伟', `${code} 整改完成 请验收`, { attachments: [valveJpeg()] });
    expect(texts(out).join('\n')).not.toContain('证据');
  });
});

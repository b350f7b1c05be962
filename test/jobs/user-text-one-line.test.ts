import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { FULL_PLAN, valveJpeg } from '../helpers/evidence.ts';
import { G } from '../helpers/hazards.ts';

// #11/#14 note: a description with line breaks (an Excel or pasted list can carry them) must not
// break the rows of the pushes that quote it: every hazard stays one row of its list.
let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ at: '2026-12-01 08:00' });
  await chat.read(async (s) => {
    const [unit] = (await s.roster.units()).filter((u) => u.name === '红星化工');
    const [owner] = await s.roster.peopleByName('张伟');
    const [reporter] = await s.roster.peopleByName('王建国');
    await s.hazards.create({
      description: '储罐区呼吸阀损坏\n第二行：@所有人 另起一行', location: null, category: '危化品', level: 'major',
      unitId: unit!.id, reporterId: reporter!.id, ownerId: owner!.id, measures: null, deadline: '2026-12-03', sourceGroupId: null,
    }, { actorId: reporter!.id, at: chat.now, text: '导入' });
  });
});
afterEach(async () => {
  await chat.close();
});

describe('a description with line breaks, quoted by pushes and replies', () => {
  it('stays on its row in the 挂牌督办 notice, the morning message and the escalation, without a forged @所有人', async () => {
    const listed = await chat.send(G.leaders, '刘县长', 'YH-0001 挂牌督办');
    const all = [...listed.map((d) => d.text)];
    await chat.setClock('2026-12-05 10:00');
    all.push(...chat.channel.sent.filter((d) => /今日提醒/.test(d.text)).map((d) => d.text));
    expect(all.length).toBeGreaterThan(3);
    for (const text of all) {
      if (text.includes('储罐区')) expect(text).toContain('储罐区呼吸阀损坏 第二行：');
      expect(text).not.toContain('\n第二行');
      expect(text).not.toContain('@所有人');
    }
  });

  it('stays on its row when the supervised item is closed and the leaders are told', async () => {
    await chat.send(G.leaders, '刘县长', 'YH-0001 挂牌督办');
    await chat.send(G.redStar, '张伟', `YH-0001 ${FULL_PLAN}`);
    await chat.send(G.redStar, '张伟', 'YH-0001 整改完成 请验收', { attachments: [valveJpeg()] });
    const out = await chat.send(G.safety, '王建国', 'YH-0001 验收通过');
    const toLeaders = out.filter((d) => d.group?.name === G.leaders).map((d) => d.text).join('\n');
    expect(toLeaders).toMatch(/【督办销号】YH-0001 红星化工\S*：储罐区呼吸阀损坏 第二行：/);
  });
});

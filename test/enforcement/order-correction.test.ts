import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G, groups, registerHazard } from '../helpers/hazards.ts';
import { monthPeriod } from '../../src/domain/period.ts';
import { replayEvents } from '../../src/domain/replay.ts';

let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ jobs: [], at: '2026-12-02 09:00' });
});
afterEach(async () => {
  await chat.close();
});

/** The hazard's time limit as its row keeps it and as its history replays it. */
async function deadlines(code: string): Promise<{ row: string | undefined; replayed: string }> {
  return chat.read(async (s) => {
    const hazard = await s.hazards.byCode(code);
    return { row: hazard?.deadline, replayed: replayEvents(await s.hazards.events(hazard?.id ?? 0)).deadline };
  });
}

/** 红星化工's overdue count in the assessment tally as the ledger stood on a day. */
async function overdueOn(day: string): Promise<number> {
  return chat.read(async (s) => {
    const unit = await s.roster.unitByName('红星化工');
    const tallies = await s.governance.tallies(monthPeriod(2026, 12), day, 30);
    return tallies.get(unit?.id ?? 0)?.overdue ?? 0;
  });
}

describe('更正执法 of a 责令限期整改 gives back or resets the time limit it moved (#16 leftover)', () => {
  it('moves a hazard still named to the corrected day and gives a hazard no longer named its time limit back', async () => {
    const a = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人@张伟，12月15日前整改完毕');
    const b = await registerHazard(chat, '红星化工配电室电缆沟积水，责任人@张伟，12月18日前整改完毕');
    await chat.send(G.safety, '王建国', `责令限期整改 红星化工 ${a} ${b} 限期12月20日前 文号：应急责改〔2026〕3号`);
    expect([(await deadlines(a)).row, (await deadlines(b)).row]).toEqual(['2026-12-20', '2026-12-20']);

    // the order should have named YH-0001 alone, to 12月25日
    const out = await chat.send(G.safety, '王建国', `更正执法 ZF-0001 ${a} 限期12月25日前`);
    expect(groups(out)).toEqual([G.safety, G.redStar]);
    expect(out[0]?.text).toContain('（更正 ZF-0001，原记录留档）\n'
      + `整改时限已按更正改为12月25日：${a}（原12月20日），请按新时限整改。\n`
      + `${b} 不再属于责令限期整改，整改时限恢复为12月18日。`);
    // the unit's group hears the same
    expect(out[1]?.text).toBe(out[0]?.text);

    // the row and the replayed history agree: the original stays on record
    expect(await deadlines(a)).toEqual({ row: '2026-12-25', replayed: '2026-12-25' });
    expect(await deadlines(b)).toEqual({ row: '2026-12-18', replayed: '2026-12-18' });
    const detailA = (await chat.send(G.redStar, '张伟', `查询 ${a}`))[0]?.text ?? '';
    expect(detailA).toContain('\n时限：12月25日（责令限期整改 ZF-0002）（剩23天）（原定12月15日）\n');
    expect(detailA).toContain('王建国 执法：更正执法 ZF-0002（更正 ZF-0001）：整改时限改为12月25日（原12月20日）');
    const detailB = (await chat.send(G.redStar, '张伟', `查询 ${b}`))[0]?.text ?? '';
    expect(detailB).toContain('\n时限：12月18日（剩16天）\n');
    expect(detailB).toContain('王建国 执法：更正执法 ZF-0002（更正 ZF-0001）：不再涉及本隐患，整改时限恢复为12月18日（原12月20日）');

    // overdue and the statistics work to the days given back
    await chat.setClock('2026-12-19 10:00');
    expect((await chat.send(G.safety, '王建国', '逾期隐患'))[0]?.text).toContain(`${b} 红星化工`);
    expect((await chat.send(G.safety, '王建国', '逾期隐患'))[0]?.text).not.toContain(a);
    expect(await overdueOn('2026-12-19')).toBe(1);
    expect(await overdueOn('2026-12-10')).toBe(0);
  });

  it('leaves a time limit that a later extension set, and chains corrections back to the day before the order', async () => {
    const a = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，责任人@张伟，12月15日前整改完毕');
    const b = await registerHazard(chat, '红星化工配电室电缆沟积水，责任人@张伟，12月18日前整改完毕');
    await chat.send(G.safety, '王建国', `责令限期整改 红星化工 ${a} ${b} 限期12月20日前`);
    // 张伟 asks for more time on YH-0002 and gets it: the extension is the time limit in force
    await chat.send(G.redStar, '张伟', `${b} 申请延期到12月30日 原因：配件未到货`);
    await chat.send(G.safety, '王建国', `${b} 同意延期`);
    expect((await deadlines(b)).row).toBe('2026-12-30');

    // a first correction to 12月22日 for both, then a second that names YH-0002 alone
    await chat.send(G.safety, '王建国', `更正执法 ZF-0001 限期12月22日前`);
    expect(await deadlines(a)).toEqual({ row: '2026-12-22', replayed: '2026-12-22' });
    expect(await deadlines(b)).toEqual({ row: '2026-12-30', replayed: '2026-12-30' });
    const out = await chat.send(G.safety, '王建国', `更正执法 ZF-0002 ${b} 限期12月22日前`);
    // YH-0001 goes back to its own 12月15日, not to the 12月20日 the corrected order had set
    expect(out[0]?.text).toContain(`${a} 不再属于责令限期整改，整改时限恢复为12月15日。`);
    expect(out[0]?.text).not.toContain('整改时限已按更正改为');
    expect(await deadlines(a)).toEqual({ row: '2026-12-15', replayed: '2026-12-15' });
    expect(await deadlines(b)).toEqual({ row: '2026-12-30', replayed: '2026-12-30' });
    expect((await chat.send(G.redStar, '张伟', `查询 ${a}`))[0]?.text).toContain('\n时限：12月15日（剩13天）\n');
  });
});

import { describe, expect, it } from 'vitest';
import { parseEnforcementText, parseSuspensionPeriod, parseTransferTarget } from '../../src/parse/parse-enforcement.ts';

const UNITS = ['红星化工', '红星化工二厂', '蓝天物流'];

describe('parseEnforcementText', () => {
  it('finds the unit, codes and document number, and leaves the rest', () => {
    expect(parseEnforcementText('红星化工二厂 YH-0001、yh-2 限期12月20日前 文号：应急责改〔2026〕3号', UNITS)).toEqual({
      unit: '红星化工二厂', unitInRoster: true, codes: ['YH-0001', 'YH-0002'], decisionNo: '应急责改〔2026〕3号', rest: '限期12月20日前',
    });
    expect(parseEnforcementText('蓝天物流 3万元 应急罚〔2026〕12号 超载运输', UNITS)).toMatchObject({ unit: '蓝天物流', decisionNo: '应急罚〔2026〕12号', rest: '3万元 超载运输' });
    expect(parseEnforcementText('火星化工 3万元', UNITS)).toMatchObject({ unit: '火星化工', unitInRoster: false });
    expect(parseEnforcementText('YH-0003 限期3天', UNITS)).toMatchObject({ unit: null, codes: ['YH-0003'], rest: '限期3天' });
  });
});

describe('parseSuspensionPeriod', () => {
  const today = '2026-12-02';
  it.each([
    ['12月5日至12月31日', '2026-12-05', '2026-12-31'],
    ['自2026年12月5日起至2027年1月5日止', '2026-12-05', '2027-01-05'],
    ['自12月3日起', '2026-12-03', null],
    ['至1月15日', '2026-12-02', '2027-01-15'],
    ['停产整顿30天', '2026-12-02', '2026-12-31'],
    ['至整改验收合格', '2026-12-02', null],
    ['', '2026-12-02', null],
  ])('%s → %s to %s', (text, from, until) => {
    expect(parseSuspensionPeriod(text, today)).toMatchObject({ ok: true, from, until });
  });

  it('refuses an end before the start and dates that do not exist', () => {
    expect(parseSuspensionPeriod('12月31日至12月5日', today)).toMatchObject({ ok: false, problem: 'until_before_from' });
    expect(parseSuspensionPeriod('12月5日至2月30日', today)).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});

describe('parseTransferTarget', () => {
  it.each([
    ['至县公安局 涉嫌重大责任事故', '县公安局'],
    ['移送机关：县纪委监委 失职', '县纪委监委'],
    ['县公安局处理', '县公安局'],
    ['给城关派出所', '城关派出所'],
  ])('%s → %s', (text, to) => {
    expect(parseTransferTarget(text)?.to).toBe(to);
  });
  it('finds no one when no one is named', () => {
    expect(parseTransferTarget('涉嫌违法')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/parse/normalize.ts';
import { parseFormalEntry, parseUnitAction } from '../../src/parse/parse-credit.ts';
import { parseLedgerFilter } from '../../src/parse/parse-ledger-filter.ts';
import { parseSupervisingLeader } from '../../src/parse/parse-supervision.ts';

const UNITS = ['应急管理局', '红星化工', '红星化工二厂', '蓝天物流', '城南建筑工地'];
const TODAY = '2026-12-01';

describe('parseFormalEntry', () => {
  it('reads the decision fields in any order, values running to the next key', () => {
    expect(parseFormalEntry(normalizeText('红星化工 机关：县应急管理局 文号：应急罚〔2026〕12号 日期：2026年11月20日 原因：重大隐患拒不整改，被处罚'), UNITS, TODAY)).toEqual({
      unit: '红星化工', decisionNo: '应急罚〔2026〕12号', authority: '县应急管理局', decidedOn: '2026-11-20', decidedOnText: null,
      removedOn: null, termYears: null, reason: '重大隐患拒不整改，被处罚',
    });
  });

  it('prefers the longest unit name and reads a term and an early removal', () => {
    expect(parseFormalEntry(normalizeText('红星化工二厂，决定书文号：X，认定机关：Y，决定日期：11月20日，期限：2年，提前移出：2027-06-01'), UNITS, TODAY)).toMatchObject({
      unit: '红星化工二厂', decisionNo: 'X', authority: 'Y', decidedOn: '2026-11-20', termYears: 2, removedOn: '2027-06-01',
    });
  });

  it('keeps a date it cannot read, and the first word for an unknown unit', () => {
    expect(parseFormalEntry(normalizeText('某某公司 文号：X 机关：Y 日期：上个月'), UNITS, TODAY)).toMatchObject({
      unit: '某某公司', decidedOn: null, decidedOnText: '上个月',
    });
  });
});

describe('parseUnitAction', () => {
  it.each([
    ['红星化工 2027-06-01 信用修复', { unit: '红星化工', date: '2027-06-01', note: '信用修复' }],
    ['蓝天物流 原因：已整改到位', { unit: '蓝天物流', date: null, note: '已整改到位' }],
    ['红星化工', { unit: '红星化工', date: null, note: '' }],
    ['无名厂 理由 x', { unit: '无名厂', date: null, note: 'x' }],
    ['', { unit: null, date: null, note: '' }],
  ])('%s', (input, expected) => {
    expect(parseUnitAction(normalizeText(input), UNITS, TODAY)).toEqual(expected);
  });
});

describe('parseLedgerFilter', () => {
  it.each([
    ['', { period: null, units: [], level: null, status: null, unknown: [] }],
    ['本季度 应急管理局 重大 逾期', { units: ['应急管理局'], level: 'major', status: 'overdue', unknown: [] }],
    ['红星化工二厂 一般隐患 已销号', { units: ['红星化工二厂'], level: 'general', status: 'closed', unknown: [] }],
    ['红星化工、蓝天物流 未销号', { units: ['红星化工', '蓝天物流'], status: 'open', unknown: [] }],
    ['待验收', { status: 'pending_review', unknown: [] }],
    ['全部 隐患', { unknown: [] }],
    ['本季度 火星', { unknown: ['火星'] }],
  ])('%s', (input, expected) => {
    expect(parseLedgerFilter(input, UNITS, TODAY)).toMatchObject(expected);
  });

  it('reads the period too', () => {
    expect(parseLedgerFilter('2026年第三季度', UNITS, TODAY).period).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
  });
});

describe('parseSupervisingLeader', () => {
  it.each<[string, string[], string | null]>([
    ['督办领导：刘县长', [], '刘县长'],
    ['督办领导 刘县长', [], '刘县长'],
    ['由刘县长督办', [], '刘县长'],
    ['刘县长', [], '刘县长'],
    ['@刘县长', [], '刘县长'],
    ['', [], null],
    ['请各部门高度重视 抓紧整改', [], null],
    ['督办领导：张三', ['刘县长'], '刘县长'],
  ])('%s', (input, mentions, expected) => {
    expect(parseSupervisingLeader(normalizeText(input), mentions)).toBe(expected);
  });
});

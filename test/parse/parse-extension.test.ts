import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/parse/normalize.ts';
import { extendedDeadline, parseExtension, parseReason } from '../../src/parse/parse-extension.ts';
import { addDays } from '../../src/domain/calendar.ts';

/** 2026-12-01 09:00 in Shanghai. */
const now = new Date('2026-12-01T01:00:00Z');

/** The text after `YH-0012 申请延期`, normalized as the pipeline does. */
const parse = (text: string) => parseExtension(normalizeText(text), now);

const rows: Array<[text: string, to: string | null, reason: string]> = [
  ['到12月30日 原因：配件未到货', '2026-12-30', '配件未到货'],
  ['到12月30日 原因:春节前配件未到货', '2026-12-30', '春节前配件未到货'],
  ['至下月底，配件未到货', '2027-01-31', '配件未到货'],
  ['延期至2027年1月10日 理由 设备订货周期长', '2027-01-10', '设备订货周期长'],
  ['到12月30日，因为配件未到货', '2026-12-30', '配件未到货'],
  ['到十二月三十日，原因是配件厂家停产', '2026-12-30', '配件厂家停产'],
  ['到１２．３０ 配件未到货', '2026-12-30', '配件未到货'],
  ['12月30日', '2026-12-30', ''],
  ['到12月30日', '2026-12-30', ''],
  ['到1月10日 原因：春节停工', '2027-01-10', '春节停工'],
  // the reason first, the date after
  ['原因：配件未到货，延期到12月30日', '2026-12-30', '配件未到货'],
  // 天气原因 is the reason itself; only a leading 原因/由于 is a label
  ['由于天气原因，需延期至12月20日', '2026-12-20', '天气原因'],
  // no date: the command asks for one
  ['配件未到货', null, '配件未到货'],
  ['原因：配件未到货', null, '配件未到货'],
  ['', null, ''],
];

describe('parseExtension', () => {
  it.each(rows)('%s → %s', (text, to, reason) => {
    expect(parse(text)).toEqual({ to, reason });
  });

  // a length counts from the current deadline, which the command knows (#10 item 12)
  it.each([
    ['延期15天，配件未到货', 15, '天', '配件未到货'],
    ['15天 配件未到货', 15, '天', '配件未到货'],
    ['再延长一周 等检测报告', 1, '周', '等检测报告'],
    ['需延期十五天，原因：厂家停产', 15, '天', '厂家停产'],
    ['宽限5个工作日，设备调试', 5, '个工作日', '设备调试'],
    ['延期半个月 配件未到货', 15, '天', '配件未到货'],
  ])('%s → +%i %s', (text, amount, unit, reason) => {
    const parsed = parse(text);
    expect(parsed).toMatchObject({ to: null, reason, by: { amount, unit } });
    expect(extendedDeadline('2026-12-20', parsed.by!)).toBe(
      { 天: addDays('2026-12-20', amount), 周: '2026-12-27', 个工作日: '2026-12-25' }[unit],
    );
  });

  it('counts `15天内` from today, not from the deadline', () => {
    expect(parse('15天内 配件未到货')).toEqual({ to: '2026-12-16', reason: '配件未到货' });
  });

  it('keeps a past date as past (#9 item 8: 申请延期到11月20日 became 2027-11-20)', () => {
    expect(parseExtension('到11月20日 配件未到货', new Date('2026-12-02T02:00:00Z')).to).toBe('2026-11-20');
  });

  it('quotes a new date it cannot read, so the reply can say so', () => {
    expect(parse('到节后 原因：春节停工')).toEqual({ to: null, toText: '节后', reason: '春节停工' });
    expect(parse('延期到等配件到了 厂家缺货')).toMatchObject({ to: null, toText: '等配件到了' });
    // a date that does not exist, after the keyword (申请延期到2月30日): it was 请写明延期到哪一天
    expect(parse('到2月30日 原因：配件未到货')).toEqual({ to: null, toText: '2月30日', reason: '配件未到货' });
    expect(parse('至12月32日，配件未到货')).toEqual({ to: null, toText: '12月32日', reason: '配件未到货' });
    expect(parse('到货延迟')).toEqual({ to: null, reason: '到货延迟' });
  });
});

describe('parseReason', () => {
  it.each([
    ['呼吸阀型号不符', '呼吸阀型号不符'],
    ['原因：呼吸阀型号不符', '呼吸阀型号不符'],
    ['，原因：呼吸阀型号不符。', '呼吸阀型号不符'],
    ['原因是型号不符', '型号不符'],
    ['理由:配件可调货', '配件可调货'],
    ['意见：重新整改，更换原厂呼吸阀', '重新整改，更换原厂呼吸阀'],
    ['：型号不符', '型号不符'],
    ['', ''],
  ])('%s → %s', (text, reason) => {
    expect(parseReason(normalizeText(text))).toBe(reason);
  });
});

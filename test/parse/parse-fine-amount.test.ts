import { describe, expect, it } from 'vitest';
import { chineseNumber, formatYuan, parseFineAmount } from '../../src/parse/parse-fine-amount.ts';

describe('parseFineAmount', () => {
  it.each([
    ['3万元', 30_000], ['3万', 30_000], ['30000元', 30_000], ['30,000元', 30_000], ['1.5万元', 15_000], ['2.35万元', 23_500],
    ['三万元', 30_000], ['三万五千元', 35_000], ['五千元', 5_000], ['十二万元', 120_000], ['一万零五百元', 10_500], ['壹万元', 10_000],
    ['处3万元罚款', 30_000], ['罚款3万元（即30000元）', 30_000], ['800元', 800], ['5千元', 5_000],
  ])('%s → %i yuan', (text, yuan) => {
    expect(parseFineAmount(text)).toMatchObject({ ok: true, yuan });
  });

  it.each([
    ['30000', 'no_unit'], ['罚款 3', 'no_unit'], ['', 'missing'], ['整改不到位', 'missing'], ['3万元 5000元', 'several'],
    ['1.23456万元', 'fraction'], ['12.5元', 'fraction'], ['一万二元', 'unreadable'], ['三千五元', 'unreadable'], ['0元', 'zero'], ['20亿万元', 'unreadable'],
    ['200000万元', 'too_large'], ['-3万元', 'negative'], ['−3万元', 'negative'], ['负3万元', 'negative'], ['负三万元', 'negative'], ['罚款 - 5000元', 'negative'],
    ['3-5万元', 'unreadable'], ['3~5万元', 'unreadable'], ['3至5万元', 'unreadable'],
  ])('%s is refused: %s', (text, problem) => {
    expect(parseFineAmount(text)).toMatchObject({ ok: false, problem });
  });

  it('does not read dates, document numbers or hazard codes as amounts', () => {
    expect(parseFineAmount('YH-0012 12月20日前缴纳 文号：应急罚〔2026〕12号')).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('reads Chinese numerals as written, and formats yuan the way decisions do', () => {
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('一百零五')).toBe(105);
    expect(chineseNumber('两万')).toBe(20_000);
    expect(chineseNumber('三五')).toBeNull();
    expect([formatYuan(30_000), formatYuan(35_000), formatYuan(5_000), formatYuan(12_345)]).toEqual(['3万元', '3.5万元', '5000元', '12345元']);
  });
});

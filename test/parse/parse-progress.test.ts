import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/parse/normalize.ts';
import { chineseNumber, parseProgress } from '../../src/parse/parse-progress.ts';

/** The text after `YH-0012 进度`, normalized as the pipeline does. */
const parse = (text: string) => parseProgress(normalizeText(text));

const rows: Array<[text: string, percent: number | null, rest: string]> = [
  ['60% 已更换阀门，等待检测', 60, '已更换阀门，等待检测'],
  ['60%', 60, ''],
  ['６０％', 60, ''],
  ['６０％ 已更换阀门', 60, '已更换阀门'],
  ['百分之六十', 60, ''],
  ['百分之八十五 管道已试压', 85, '管道已试压'],
  ['百分之百', 100, ''],
  ['百分之一百', 100, ''],
  ['完成80', 80, ''],
  ['已更换阀门，完成80', 80, '已更换阀门'],
  ['进度:60', 60, ''],
  ['进度：60', 60, ''],
  [':60', 60, ''],
  ['60', 60, ''],
  ['60 已更换阀门', 60, '已更换阀门'],
  ['已更换阀门，80%', 80, '已更换阀门'],
  ['已更换阀门 80%', 80, '已更换阀门'],
  ['80%，照片见下', 80, '照片见下'],
  // the words that introduce the number go with it
  ['进度60%', 60, ''],
  ['已完成80%，剩余管道待更换', 80, '剩余管道待更换'],
  ['完成百分之五十', 50, ''],
  ['已更换2号罐呼吸阀，80%', 80, '已更换2号罐呼吸阀'],
  ['0%', 0, ''],
  ['100%', 100, ''],
  ['60.5%', 61, ''],
  // kept so the command can refuse it
  ['150%', 150, ''],
  ['120', 120, ''],
  // counts, tank numbers and dates are not percentages
  ['已更换阀门', null, '已更换阀门'],
  ['更换了2个阀门', null, '更换了2个阀门'],
  ['完成2处，剩余1处', null, '完成2处，剩余1处'],
  ['2号罐已清洗', null, '2号罐已清洗'],
  ['3天内完成', null, '3天内完成'],
  ['12月5日前完成', null, '12月5日前完成'],
  // tenths, halves and Chinese numerals (#10 item 3: `YH0005 进度 三成` recorded 0%)
  ['三成', 30, ''],
  ['三成 基础已浇筑', 30, '基础已浇筑'],
  ['七成五', 75, ''],
  ['八成半', 85, ''],
  ['完成九成了', 90, '了'],
  ['大概完成了七成左右，还差管道', 70, '大概，还差管道'],
  ['一半', 50, ''],
  ['已完成一半', 50, ''],
  ['完成了一半，剩下的下周弄', 50, '剩下的下周弄'],
  ['百分之七十', 70, ''],
  ['百分之七十五', 75, ''],
  ['九十', 90, ''],
  ['六十％', 60, ''],
  ['七成多', null, '七成多'],
  ['过半', null, '过半'],
  // a sign is kept so the command refuses it (#9 item 8: `进度-20%` recorded 20%)
  ['-20%', -20, ''],
  ['－２０％', -20, ''],
  ['负20%', -20, ''],
  ['进度-20', -20, ''],
  ['', null, ''],
];

describe('parseProgress', () => {
  it.each(rows)('%s → %s', (text, percent, rest) => {
    expect(parse(text)).toEqual({ percent, text: rest });
  });
});

describe('chineseNumber', () => {
  it.each([
    ['六十', 60],
    ['八十五', 85],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['九十九', 99],
    ['八', 8],
    ['两', 2],
    ['一百', 100],
    ['百', 100],
    ['零', null],
    ['一百二', null],
    ['六六', null],
    ['', null],
  ] as const)('%s → %s', (text, n) => {
    expect(chineseNumber(text)).toBe(n);
  });
});

import { describe, expect, it } from 'vitest';
import { dayBeforeFestival } from '../../src/parse/festival-deadline.ts';
import { findUnreadDeadline } from '../../src/parse/unread-deadline.ts';

describe('dayBeforeFestival (chinese-days lunar calendar)', () => {
  it.each([
    ['春节', '2026-12-02', '2027-02-05'], // 除夕 of the year of the goat
    ['春节', '2027-02-05', '2027-02-05'], // said on 除夕 itself: today
    ['春节', '2027-02-06', '2028-01-25'], // said on 春节: next year's
    ['除夕', '2026-12-02', '2027-02-04'],
    ['元宵', '2026-12-02', '2027-02-19'],
    ['端午', '2026-12-02', '2027-06-08'],
    ['中秋', '2026-12-02', '2027-09-14'],
    ['元旦', '2026-12-02', '2026-12-31'],
    ['五一', '2026-12-02', '2027-04-30'],
    ['国庆', '2026-12-02', '2027-09-30'],
    ['国庆', '2026-09-15', '2026-09-30'],
  ])('%s前 said on %s is %s', (name, today, day) => {
    expect(dayBeforeFestival(name, today)).toBe(day);
  });

  it('knows no other festival', () => {
    expect(dayBeforeFestival('圣诞', '2026-12-02')).toBeNull();
  });
});

describe('findUnreadDeadline', () => {
  it.each([
    ['元宵节后', '元宵节后'],
    ['要求节后整改到位', '节后'],
    ['-3天内', '-3天内'],
    ['期限：尽快', '尽快'],
    ['整改时限:等配件到了再说', '等配件到了再说'],
    ['延期到节后', '节后'],
    ['下下月初前', '下下月初前'],
    ['年后', '年后'],
    ['48小时后', '48小时后'],
  ])('%s → %s', (text, phrase) => {
    const found = findUnreadDeadline(text);
    expect(found?.text).toBe(phrase);
    expect(text.slice(found?.index, (found?.index ?? 0) + phrase.length)).toBe(phrase);
  });

  it.each(['3号库内有杂物', '日前检查发现', '整改后拍照上传', '3天前发现', '两年前就有', '储罐区内', '目前已整改', '整改前要停产', '老板说过完年再弄'])(
    '%s has no deadline in it',
    (text) => {
      expect(findUnreadDeadline(text)).toBeNull();
    },
  );
});

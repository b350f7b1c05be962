/** The largest fine the bot records (10亿元): anything above is a typo of a digit or a unit. */
export const MAX_FINE_YUAN = 1_000_000_000;

/** A fine read from text, or why it cannot be read without guessing. */
export type FineAmount =
  | { ok: true; yuan: number; text: string }
  | { ok: false; problem: 'missing' | 'no_unit' | 'several' | 'fraction' | 'unreadable' | 'zero' | 'negative' | 'too_large'; text: string };

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万';

/**
 * A Chinese numeral below 1亿 (`三万五千`, `十二万`, `五千`, `一万零五百`), or null. A digit
 * trailing a unit without its own unit (`一万二`, `三千五`) is everyday shorthand whose value
 * depends on the listener: it is refused rather than read.
 */
export function chineseNumber(text: string): number | null {
  const sections = text.split('万');
  if (sections.length > 2 || sections.some((s, i) => s === '' && i === 0)) return null;
  let total = 0;
  for (const [i, section] of sections.entries()) {
    if (section === '') continue; // 三万: nothing below 万
    let value = 0;
    let digit: number | null = null;
    let lastUnit = Infinity;
    for (const ch of section) {
      if (ch in CN_DIGIT) {
        if (digit !== null && digit !== 0 && CN_DIGIT[ch] !== 0) return null; // 三五: two digits in a row (零五 is one)
        digit = CN_DIGIT[ch] ?? 0;
        continue;
      }
      const unit = CN_UNIT[ch];
      if (unit === undefined || unit >= lastUnit) return null;
      // 十二 = 12: a bare 十 leads with an implied one
      value += (digit ?? (unit === 10 && value === 0 ? 1 : NaN)) * unit;
      if (Number.isNaN(value)) return null;
      digit = null;
      lastUnit = unit;
    }
    if (digit !== null && digit !== 0) {
      // 一万二, 三千五: shorthand, not read; 十二, 一百零五, 一万零二: a true ones digit
      const shorthand = lastUnit === Infinity ? i === 1 && !section.startsWith('零') : lastUnit > 10 && !/零/.test(section);
      if (shorthand) return null;
      value += digit;
    }
    total += i === 0 && sections.length === 2 ? value * 10_000 : value;
  }
  return total;
}

/** `30000`, `30,000`, `1.5` × the unit, exactly (no floating point): whole yuan or null. */
function decimalTimes(number: string, factor: number): number | null {
  const [whole = '', fraction = ''] = number.replace(/,/g, '').split('.');
  const scale = 10 ** fraction.length;
  const scaled = (Number(whole) * scale + Number(fraction || '0')) * factor;
  return scaled % scale === 0 ? scaled / scale : null;
}

const AMOUNT = new RegExp(
  `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[${CN_CHARS}]+)\\s*(万元|万|千元|元|块)`,
  'g',
);
/** `3-5万元`, `3至5万元`: a range before an amount, which names no one amount. */
const RANGE_BEFORE = /\d\s*[-−~～至到]\s*$/;
/** `-3万元`, `负三万元`: a sign before an amount (it was read as 3万元). */
const SIGN_BEFORE = /[-−负]\s*$/;
/** A number standing alone after the keyword: an amount whose unit was left out. */
const BARE_NUMBER = /(?:^|[\s:：，,])(?:罚款|金额|处)?\s*(\d+(?:\.\d+)?)(?=$|[\s，,。；;])/;

/**
 * Reads the amount of a fine: `3万元`, `30000元`, `30,000元`, `1.5万元`, `三万元`, `五千元`. Never
 * guesses: a number without 元 or 万, two different amounts, a fraction of a yuan, or shorthand
 * like `一万二` are refused with the reason. Pure.
 */
export function parseFineAmount(text: string): FineAmount {
  const found = [...text.matchAll(AMOUNT)].flatMap((m) => {
    const [all, number = '', unit = ''] = m;
    const before = text.slice(0, m.index);
    const range = RANGE_BEFORE.exec(before);
    if (range) return [{ text: before.slice(before.search(/\d+(?:\.\d+)?\s*[-−~～至到]\s*$/)) + all, yuan: null, readable: false }];
    const sign = SIGN_BEFORE.exec(before);
    if (sign) return [{ text: sign[0] + all, yuan: null, readable: true, negative: true }];
    const factor = unit.startsWith('万') ? 10_000 : unit.startsWith('千') ? 1000 : 1;
    if (/^[\d,.]+$/.test(number)) {
      const yuan = decimalTimes(number, factor);
      return [{ text: all, yuan, readable: true }];
    }
    const value = chineseNumber(number.replace(/^[^一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾]+/, ''));
    return [{ text: all, yuan: value === null ? null : value * factor, readable: value !== null }];
  });
  if (found.length === 0) {
    const bare = BARE_NUMBER.exec(text);
    return bare ? { ok: false, problem: 'no_unit', text: bare[1] ?? '' } : { ok: false, problem: 'missing', text: '' };
  }
  const distinct = [...new Map(found.map((f) => [f.yuan ?? f.text, f])).values()];
  if (distinct.length > 1) return { ok: false, problem: 'several', text: distinct.map((f) => f.text).join('、') };
  const [only] = distinct;
  if (!only) return { ok: false, problem: 'missing', text: '' };
  if (!only.readable) return { ok: false, problem: 'unreadable', text: only.text };
  if ('negative' in only) return { ok: false, problem: 'negative', text: only.text };
  if (only.yuan === null) return { ok: false, problem: 'fraction', text: only.text };
  if (only.yuan === 0) return { ok: false, problem: 'zero', text: only.text };
  if (only.yuan > MAX_FINE_YUAN) return { ok: false, problem: 'too_large', text: only.text };
  return { ok: true, yuan: only.yuan, text: only.text };
}

/** 30000 → 3万元, 35000 → 3.5万元, 5000 → 5000元, 12345 → 12345元: as a decision states it. */
export function formatYuan(yuan: number): string {
  if (yuan >= 10_000 && yuan % 100 === 0) return `${yuan / 10_000}万元`;
  return `${yuan}元`;
}

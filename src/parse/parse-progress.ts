/** A progress report: a percentage (optional) and what was done. */
export interface ProgressReport {
  percent: number | null;
  text: string;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 六十 → 60, 一百 → 100, 八 → 8; null when it is not a plain Chinese number up to 100. */
export function chineseNumber(text: string): number | null {
  if (text === '一百' || text === '百') return 100;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? (CN_DIGITS[tens] ?? null) : null;
  return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
}

/** The words that introduce a percentage; they go with it so `已完成80%，…` leaves `…`. */
const LABEL = '(?:(?:整改)?进度|进展|(?:已经?|整改)?完成了?|(?:已经?)?达到|已到)?\\s*[:=]?\\s*';
/** A bare number is a percentage only where it ends (`完成80`), not a count (`完成2处`, `3天`). */
const NUMBER_END = '(?=$|[\\s,，;；。!！])';

/** `三成` = 30, `七成五` = 75, `八成半` = 85, `十成` = 100: tenths, with an optional hundredth digit. */
function tenths(tens: string, ones: string | undefined): number | null {
  const t = tens === '十' ? 10 : CN_DIGITS[tens];
  if (t === undefined) return null;
  const o = ones === undefined ? 0 : ones === '半' ? 5 : CN_DIGITS[ones];
  return o === undefined || (t === 10 && o > 0) ? null : t * 10 + o;
}

/** A sign before a number: `-20%` is refused by the command, never recorded as 20%. */
const SIGN = '([-−负])?\\s*';
const CN_NUM = '[零一二两三四五六七八九十百]+';

const signed = (m: RegExpExecArray, n: number | null): number | null => (n === null ? null : m[1] ? -n : n);
/** The ways a percentage is written, tried in order; built once (compiling them per message cost more than matching). */
const PATTERNS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => number | null]> = [
  [new RegExp(`${LABEL}${SIGN}(\\d{1,4}(?:\\.\\d+)?)\\s*[%％]`), (m) => signed(m, Math.round(Number(m[2])))],
  [new RegExp(`${LABEL}${SIGN}百分之(${CN_NUM})`), (m) => signed(m, chineseNumber(m[2] ?? ''))],
  [new RegExp(`${LABEL}${SIGN}(${CN_NUM})\\s*[%％]`), (m) => signed(m, chineseNumber(m[2] ?? ''))],
  [new RegExp(`${LABEL}([一二两三四五六七八九十])成([一二三四五六七八九半])?(?:左右)?(?![多余])`), (m) => tenths(m[1] ?? '', m[2])],
  [new RegExp(`${LABEL}(?<![\\d.])(\\d|10)成(?![多余\\d])`), (m) => Number(m[1]) * 10],
  [new RegExp(`${LABEL}一半${NUMBER_END}`), () => 50],
  [new RegExp(`^[:=\\s]*${SIGN}(\\d{1,4})${NUMBER_END}`), (m) => signed(m, Number(m[2]))],
  [new RegExp(`^[:=\\s]*(${CN_NUM})${NUMBER_END}`), (m) => chineseNumber(m[1] ?? '')],
  [new RegExp(`(?:进度|进展|完成|达到|已到)\\s*[:=]?\\s*${SIGN}(\\d{1,3})${NUMBER_END}`), (m) => signed(m, Number(m[2]))],
];

/**
 * Reads `60%`, `60％`, `百分之六十`, `三成`, `七成五`, `一半`, `完成80`, `进度:60`, `进度 九十` out of
 * a progress message; the rest is the description of the work. A number over 100 or below 0 is
 * kept so the caller can refuse it. `过半`, `大半`, `七成多` name no number and are left as text.
 */
export function parseProgress(text: string): ProgressReport {
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const n = read(m);
    if (n === null || Number.isNaN(n)) continue;
    const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length))
      .replace(/\s+([，,；;。])/g, '$1')
      .replace(/^[\s,，:：;；。]+|[\s,，:：;；。]+$/g, '')
      .replace(/\s{2,}/g, ' ');
    return { percent: n, text: rest };
  }
  return { percent: null, text: text.trim() };
}

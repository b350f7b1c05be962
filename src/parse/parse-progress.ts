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

/**
 * Reads `60%`, `60％`, `百分之六十`, `完成60`, `进度:60` out of a progress message; the rest is the
 * description of the work. A number over 100 is kept so the caller can refuse it.
 */
export function parseProgress(text: string): ProgressReport {
  const patterns: RegExp[] = [
    new RegExp(`${LABEL}(\\d{1,4}(?:\\.\\d+)?)\\s*[%％]`),
    new RegExp(`${LABEL}百分之([零一二两三四五六七八九十百]+)`),
    new RegExp(`^[:=\\s]*(\\d{1,4})${NUMBER_END}`),
    new RegExp(`(?:进度|进展|完成|达到|已到)\\s*[:=]?\\s*(\\d{1,3})${NUMBER_END}`),
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m || m[1] === undefined) continue;
    const n = /^\d/.test(m[1]) ? Math.round(Number(m[1])) : chineseNumber(m[1]);
    if (n === null) continue;
    const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length))
      .replace(/\s+([，,；;。])/g, '$1')
      .replace(/^[\s,，:：;；。]+|[\s,，:：;；。]+$/g, '')
      .replace(/\s{2,}/g, ' ');
    return { percent: n, text: rest };
  }
  return { percent: null, text: text.trim() };
}

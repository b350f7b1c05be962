/**
 * Who inspected and when, as a 督查反馈 names it: `省安委会第三督查组`, `11月28日`. Read from a
 * list's title and from a hand registration's `来源：督查反馈 …` alike. Pure.
 */
import type { LocalDate } from '../domain/types.ts';

/** `省安委会第三督查组`, `市安委会第二督导组`: the inspecting body. */
export const INSPECTION_BODY = /([\p{Script=Han}]{2,24}?(?:督查组|督导组|检查组|巡查组|暗访组|考核组))/u;
const DAY = /(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?/;

/** The inspection day a text names: with its year, or the latest such day not after today. */
export function inspectionDay(text: string, today: LocalDate): LocalDate | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [, y, mo, d] = m;
  const pad = (n: string | undefined) => String(n ?? '').padStart(2, '0');
  if (y) return `${y}-${pad(mo)}-${pad(d)}`;
  const year = Number(today.slice(0, 4));
  const day = `${year}-${pad(mo)}-${pad(d)}`;
  return day > today ? `${year - 1}-${pad(mo)}-${pad(d)}` : day;
}

/** The day's words as written (`11月28日`), to take them out of a text. */
export function inspectionDayText(text: string): string | null {
  return DAY.exec(text)?.[0] ?? null;
}

import chineseDays from 'chinese-days';
import { addDays } from '../domain/calendar.ts';
import type { LocalDate } from '../domain/types.ts';

/** How a festival falls in a given year: a solar date, or a lunar one the calendar converts. */
type FestivalDay = { solar: string } | { lunar: string };

/**
 * The festivals people set deadlines by (`春节前整改到位`, `国庆节前完成`). `年前` is said for
 * 春节 (the lunar new year), never for 元旦. 节前 alone names no festival and is left unread.
 */
const FESTIVALS: Record<string, FestivalDay> = {
  春节: { lunar: '01-01' },
  过年: { lunar: '01-01' },
  年: { lunar: '01-01' },
  除夕: { lunar: '01-01' }, // 除夕前: before new year's eve, i.e. the eve's eve (handled below)
  元宵: { lunar: '01-15' },
  端午: { lunar: '05-05' },
  中秋: { lunar: '08-15' },
  元旦: { solar: '01-01' },
  五一: { solar: '05-01' },
  劳动节: { solar: '05-01' },
  国庆: { solar: '10-01' },
};

/** The names as a regex alternation, longest first. */
export const FESTIVAL_NAMES = Object.keys(FESTIVALS)
  .filter((name) => name !== '年')
  .sort((a, b) => b.length - a.length)
  .join('|');

function dayIn(year: number, festival: FestivalDay): LocalDate | null {
  if ('solar' in festival) return `${year}-${festival.solar}`;
  try {
    return chineseDays.getSolarDateFromLunar(`${year}-${festival.lunar}`).date;
  } catch {
    return null; // beyond the calendar's years
  }
}

/**
 * The last day before the next occurrence of a festival: `春节前` said on 2026-12-02 is
 * 2027-02-05 (除夕), `国庆前` is 09-30. `today` is the Shanghai date; the festival is the next one
 * after today, so `春节前` said on 春节 itself means next year's.
 */
export function dayBeforeFestival(name: string, today: LocalDate): LocalDate | null {
  const festival = FESTIVALS[name];
  if (!festival) return null;
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const day = dayIn(y, festival);
    if (!day) continue;
    const eve = addDays(day, name === '除夕' ? -2 : -1);
    if (eve >= today) return eve;
  }
  return null;
}

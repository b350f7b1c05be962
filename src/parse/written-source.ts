/**
 * `来源：群众举报`, `来源 督查反馈`, `专项整治：危化品安全专项整治` in a registration: where the hazard
 * came from, taken out of the text so it is not read as part of the description. A known
 * campaign's name written anywhere also says 专项整治. Pure.
 */
import { matchSource, SOURCE_WORDS, type HazardSource } from '../domain/hazard-source.ts';
import type { LocalDate } from '../domain/types.ts';
import { INSPECTION_BODY, inspectionDay, inspectionDayText } from './inspection-origin.ts';

export interface WrittenSource {
  source: HazardSource;
  /** the campaign named, when the source is 专项整治 */
  campaign?: string;
  /** 督查反馈: who inspected (`省安委会第三督查组`) and when, as an imported list records them */
  body?: string;
  date?: LocalDate;
}

/** `（省安委会第三督查组，11月28日）` right after the source word, or `省安委会第三督查组 11月28日` written after it. */
const BRACKETED = /^\s*[（(]([^）)]{1,60})[）)]/u;
const BODY_AT_START = new RegExp(`^\\s*${INSPECTION_BODY.source}(?:\\s*(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日?)?`, 'u');

/**
 * The inspecting body and day written after `来源：督查反馈`: in brackets, or a body (…督查组) and
 * a day right after it. Returns them and the words they took, so that the day is not read as the
 * registration's deadline.
 */
function inspectionDetails(after: string, today: LocalDate): { body?: string; date?: LocalDate; taken: string } | null {
  const bracketed = BRACKETED.exec(after);
  const taken = bracketed?.[0] ?? BODY_AT_START.exec(after)?.[0];
  if (!taken) return null;
  const inside = bracketed?.[1] ?? taken;
  const dayText = inspectionDayText(inside);
  const body = INSPECTION_BODY.exec(inside)?.[1] ?? inside.replace(dayText ?? '', '').replace(/[，,、\s]+/g, ' ').trim();
  const date = dayText ? inspectionDay(dayText, today) : null;
  return { ...(body ? { body } : {}), ...(date ? { date } : {}), taken };
}

const LABELLED = new RegExp(`[，,；;\\s]*来源\\s*[:：为是]?\\s*(${SOURCE_WORDS.join('|')})`, 'u');
const CAMPAIGN_LABEL = /[，,；;\s]*(?:专项整治|专项行动|专项治理)\s*[:：]\s*([^\s，,；;。]+)/u;

export function takeWrittenSource(text: string, campaigns: readonly string[], today: LocalDate | null = null): { rest: string; source?: WrittenSource } {
  const labelled = CAMPAIGN_LABEL.exec(text);
  if (labelled?.[1]) {
    const named = campaigns.find((c) => c === labelled[1]) ?? labelled[1];
    return { rest: text.replace(labelled[0], ''), source: { source: 'campaign', campaign: named } };
  }
  const known = [...campaigns].sort((a, b) => b.length - a.length).find((c) => text.includes(c));
  const m = LABELLED.exec(text);
  const source = m?.[1] ? matchSource(m[1]) : null;
  let rest = m && source ? text.replace(m[0], '') : text;
  if (known) return { rest: rest.replace(known, '').replace(/\s{2,}/g, ' '), source: { source: 'campaign', campaign: known } };
  if (source === 'inspection' && m && today) {
    const details = inspectionDetails(text.slice(m.index + m[0].length), today);
    if (details) {
      rest = rest.replace(details.taken, '');
      return { rest, source: { source, ...(details.body ? { body: details.body } : {}), ...(details.date ? { date: details.date } : {}) } };
    }
  }
  return source ? { rest, source: { source } } : { rest };
}

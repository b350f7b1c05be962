/**
 * `来源：群众举报`, `来源 督查反馈`, `专项整治：危化品安全专项整治` in a registration: where the hazard
 * came from, taken out of the text so it is not read as part of the description. A known
 * campaign's name written anywhere also says 专项整治. Pure.
 */
import { matchSource, SOURCE_WORDS, type HazardSource } from '../domain/hazard-source.ts';

export interface WrittenSource {
  source: HazardSource;
  /** the campaign named, when the source is 专项整治 */
  campaign?: string;
}

const LABELLED = new RegExp(`[，,；;\\s]*来源\\s*[:：为是]?\\s*(${SOURCE_WORDS.join('|')})`, 'u');
const CAMPAIGN_LABEL = /[，,；;\s]*(?:专项整治|专项行动|专项治理)\s*[:：]\s*([^\s，,；;。]+)/u;

export function takeWrittenSource(text: string, campaigns: readonly string[]): { rest: string; source?: WrittenSource } {
  const labelled = CAMPAIGN_LABEL.exec(text);
  if (labelled?.[1]) {
    const named = campaigns.find((c) => c === labelled[1]) ?? labelled[1];
    return { rest: text.replace(labelled[0], ''), source: { source: 'campaign', campaign: named } };
  }
  const known = [...campaigns].sort((a, b) => b.length - a.length).find((c) => text.includes(c));
  const m = LABELLED.exec(text);
  const source = m?.[1] ? matchSource(m[1]) : null;
  const rest = m && source ? text.replace(m[0], '') : text;
  if (known) return { rest: rest.replace(known, '').replace(/\s{2,}/g, ' '), source: { source: 'campaign', campaign: known } };
  return source ? { rest, source: { source } } : { rest };
}

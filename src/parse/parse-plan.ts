import type { PlanPart, PlanParts } from '../domain/plan.ts';

/**
 * The words people head each plan part with, longest first within a part so 治理目标和任务 wins
 * over 目标. Taken from the regulation's wording (第二十条) and how county forms shorten it.
 */
const KEYS: ReadonlyArray<readonly [PlanPart, readonly string[]]> = [
  ['goals', ['治理的目标和任务', '治理目标和任务', '治理目标任务', '目标和任务', '目标任务', '治理目标', '治理任务', '目标']],
  ['methods', ['采取的方法和措施', '治理方法和措施', '方法和措施', '治理方法措施', '方法措施', '治理措施', '治理方法', '整改措施', '措施']],
  ['funds', ['经费和物资的落实', '经费和物资', '资金和物资', '经费物资', '资金物资', '治理资金', '治理经费', '资金', '经费', '物资']],
  ['organization', ['负责治理的机构和人员', '治理机构和人员', '机构和人员', '责任机构和人员', '责任机构人员', '机构人员', '责任机构', '责任人员', '负责人员', '人员']],
  ['timeline', ['治理的时限和要求', '治理时限和要求', '时限和要求', '时限要求', '治理时限', '完成时限', '时限']],
  ['safety', ['安全措施和应急预案', '安全措施及应急预案', '安全措施应急预案', '安全防范措施', '安全措施', '应急预案', '应急措施', '预案']],
];

const KEY_TO_PART = new Map<string, PlanPart>(KEYS.flatMap(([part, keys]) => keys.map((k) => [k, part] as const)));
const ALTERNATION = [...KEY_TO_PART.keys()].sort((a, b) => b.length - a.length).join('|');
/**
 * A key starts the text, a line or follows a separator or an enumerator (一、 (1) 1. ①), and is
 * followed by a colon: `资金物资：预算12万元`. A key word inside a value (已采购应急物资：) is not a
 * key because it does not stand at such a boundary.
 */
const KEY = new RegExp(`(?:^|(?<=[\\s,;。，；]))\\s*(?:[一二三四五六][、.]|[(（]?[1-6][)）.、]|[(（][一二三四五六][)）]|[①②③④⑤⑥])?\\s*(${ALTERNATION})\\s*[:=]\\s*`, 'g');

export interface PlanInput {
  parts: PlanParts;
  /** text that stood before the first key (not a part) */
  unkeyed: string;
}

/**
 * Reads plan parts from a message, in any order: `资金物资：预算12万元，已采购 应急预案：已编制并演练`.
 * A value runs to the next key, commas included. Two keys of one part (安全措施：… 应急预案：…) join
 * into that part. Pure.
 */
export function parsePlan(text: string): PlanInput {
  const marks = [...text.matchAll(KEY)];
  const parts: PlanParts = {};
  const first = marks[0];
  const unkeyed = first ? text.slice(0, first.index) : text;
  marks.forEach((m, i) => {
    const label = m[1] ?? '';
    const part = KEY_TO_PART.get(label);
    if (!part) return;
    const value = text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length).replace(/^[\s,;。，；]+|[\s,;。，；]+$/g, '');
    if (!value) return;
    const previous = parts[part];
    // a second heading of the same part keeps both, each under its own word
    parts[part] = previous ? `${previous}；${label}：${value}` : value;
  });
  return { parts, unkeyed: unkeyed.replace(/^[\s,;。，；]+|[\s,;。，；]+$/g, '') };
}

import { formatHazardCode, HAZARD_CODE } from './normalize.ts';

/** What may stand between the codes of one list: `YH-0008、YH-0012`, `YH-0002 YH-0008`, `YH-1和YH-2`. */
const BETWEEN = /^[\s、,，;；/&＆+]*(?:和|及|与|以及|、)?[\s、,，;；/&＆+]*$/;

/** The codes a message names, and which of them are written together as one list. */
export interface CodeRun {
  /** every distinct code in the message, in order */
  all: string[];
  /** the codes of the first list (the first code and those written right after it) */
  listed: string[];
  /** the text with that list cut to its first code, for the router */
  text: string;
}

/**
 * Finds the hazard codes a message names. Codes written together (`YH-0008、YH-0012 验收通过`) are
 * one list the command acts on one by one; the router sees only the first of them. Pure.
 */
export function findCodeRun(text: string): CodeRun {
  const matches = [...text.matchAll(new RegExp(HAZARD_CODE.source, 'gi'))].map((m) => ({
    code: formatHazardCode(Number(m[1])), start: m.index, end: m.index + m[0].length,
  }));
  const all = [...new Set(matches.map((m) => m.code))];
  const first = matches[0];
  if (!first) return { all, listed: [], text };
  let last = first;
  for (const next of matches.slice(1)) {
    if (!BETWEEN.test(text.slice(last.end, next.start))) break;
    last = next;
  }
  const listed = [...new Set(matches.filter((m) => m.start <= last.start).map((m) => m.code))];
  return { all, listed, text: last === first ? text : `${text.slice(0, first.end)}${text.slice(last.end)}` };
}

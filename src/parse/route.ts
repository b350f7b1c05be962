import { findHazardCode } from './normalize.ts';

/** What the router needs of a command: its names. */
export interface Routable {
  name: string;
  aliases: readonly string[];
  /** may its keyword stand after other words when a hazard code leads the message */
  keywordAnywhere?: boolean;
}

export interface Routed<C extends Routable> {
  command: C;
  /** the canonical hazard code named, if any */
  code: string | null;
  /** the text after the keyword (and code), trimmed */
  rest: string;
}

const LEAD = /^[\s,:;。、，；]+/;
const ASKS = /(?:[?？]|吗|呢)$/;
/** Keywords this long are specific enough to run on into the text (登记隐患红星化工…, 我的隐患呢). */
const SPECIFIC_LENGTH = 4;

/**
 * Without a hazard code, a short keyword is a command only as a word of its own (`登记 红星化工`,
 * `进度60%`): `登记一下`, `进度怎么样了`, `取消明天的会` are everyday chat.
 */
function standsApart(word: string, next: string | undefined): boolean {
  return word.length >= SPECIFIC_LENGTH || next === undefined || !/\p{Script=Han}/u.test(next);
}

/**
 * Finds which command a message is. A command starts with its keyword, possibly after a hazard
 * code (`YH-0012 进度60%`), or the code follows it (`查询 YH-0012`). A message that leads with a
 * code but no keyword may still name a keyword later (`YH-0012 已换阀门，进度60%`). A code alone,
 * or a question about it, goes to `fallbackForCode`. Anything else is chat and is left alone.
 */
export function routeMessage<C extends Routable>(text: string, commands: readonly C[], fallbackForCode?: C): Routed<C> | null {
  const keywords = commands
    .flatMap((command) => [command.name, ...command.aliases].map((word) => ({ word, command })))
    .sort((a, b) => b.word.length - a.word.length);

  let code: string | null = null;
  let body = text;
  const lead = findHazardCode(text);
  if (lead && lead.index === 0) {
    code = lead.code;
    body = text.slice(lead.length).replace(LEAD, '');
  }

  const atStart = keywords.find(
    (k) => body.toLowerCase().startsWith(k.word.toLowerCase()) && (code !== null || standsApart(k.word, body[k.word.length])),
  );
  if (atStart) {
    let rest = body.slice(atStart.word.length).replace(LEAD, '');
    if (!code) {
      const after = findHazardCode(rest);
      if (after && after.index === 0) {
        code = after.code;
        rest = rest.slice(after.length).replace(LEAD, '');
      }
    }
    return { command: atStart.command, code, rest: rest.trim() };
  }
  if (!code) return null;

  let best: { word: string; command: C; at: number } | null = null;
  for (const k of keywords) {
    if (!k.command.keywordAnywhere) continue;
    const at = body.indexOf(k.word);
    if (at !== -1 && (!best || at < best.at)) best = { ...k, at };
  }
  if (best) {
    const before = body.slice(0, best.at).trim();
    const after = body.slice(best.at + best.word.length).replace(LEAD, '').trim();
    // `已更换阀门，进度80%` → `已更换阀门，80%`
    const rest = before && after && !/[，,；;。]$/.test(before) ? `${before} ${after}` : before + after;
    return { command: best.command, code, rest };
  }
  // a code alone, or a question about it (`YH-0012 怎么样了？`), asks to see it; `YH-0012 好的` is chat
  const rest = body.trim();
  return fallbackForCode && (rest === '' || ASKS.test(rest)) ? { command: fallbackForCode, code, rest } : null;
}

import { findHazardCode, findHazardCodes, formatHazardCode, HAZARD_CODE } from './normalize.ts';
import { looksLikeFindings } from './looks-like-findings.ts';

/** What the router needs of a command: its names. */
export interface Routable {
  name: string;
  aliases: readonly string[];
  /** may its keyword stand after other words when a hazard code leads the message */
  keywordAnywhere?: boolean;
  /** short words that name this command only right after a hazard code (`YH-0012 通过`): alone they are chat */
  afterCode?: readonly string[];
  /** words that, as a leading `#tag` or `【tag】`, name this command (`#隐患 …`, `【隐患】…`) */
  tags?: readonly string[];
  /** free-text inspection findings (`今天去红星化工检查发现两个问题一是…`) are this command */
  findings?: boolean;
}

export interface Routed<C extends Routable> {
  command: C;
  /** the canonical hazard code named, if any: the first of `codes` */
  code: string | null;
  /**
   * Every code the command is addressed to, in order: `YH-0008、YH-0012 已整改完毕请验收` →
   * [YH-0008, YH-0012]. One element for the usual one-code message, none without a code.
   */
  codes: string[];
  /** codes named elsewhere in the text (`YH-0012 驳回 同YH-0008`): not addressed, only mentioned */
  otherCodes: string[];
  /** leading tags dropped before routing: `【转发】`, `#隐患` */
  tags: string[];
  /** the text after the keyword (and code), trimmed */
  rest: string;
}

const LEAD = /^[\s,:;。、，；]+/;
/** A question about a code: `YH-0012？`, `YH-0012 怎么样了`, `YH-0012 验收了没`. */
const ASKS = /(?:[?？]|吗|呢|么|没有?)$|怎么样|咋样|如何了?$|到哪(?:一步|了)/;
/** Keywords this long are specific enough to run on into the text (登记隐患红星化工…, 我的隐患呢). */
const SPECIFIC_LENGTH = 4;
/** `【转发】`, `[转发]`, `#隐患`, `#整改进度#`, `转发：` before the message proper. */
const TAG = /^\s*(?:【([^】\n]{1,12})】|\[([^\]\n]{1,12})\]|#([^\s#]{1,12})#?|(转发|转)\s*[:：])\s*/;
/** What joins a list of codes: `YH-0008、YH-0012`, `YH-0002 YH-0008`, `YH-0002和YH-0008`. */
const CODE_JOIN = /^\s*(?:[、,，/和及与跟+&]|\s)\s*/;
/** A code written without its YH (`0010进度20%`): four digits with a leading zero, as codes are padded. */
const BARE_CODE = /^0\d{3}(?![\d\-./:年月日号%])/;
/** A keyword after these is negated: `YH-0012 整改不通过`, `尚未整改完成`. */
const NEGATION = /[不未没无非]$/;

/**
 * Without a hazard code, a short keyword is a command only as a word of its own (`登记 红星化工`,
 * `进度60%`): `登记一下`, `进度怎么样了`, `取消明天的会` are everyday chat.
 */
function standsApart(word: string, next: string | undefined): boolean {
  return word.length >= SPECIFIC_LENGTH || next === undefined || !/\p{Script=Han}/u.test(next);
}

/** A whole message in quotes: the bot's example copied with its 「」, or a command put in “”. */
const WRAPPED = /^\s*(?:「([^「」]+)」|“([^“”]+)”|"([^"]+)")\s*$/;

/** Leading tags, and the text after them (out of its quotes, if the whole of it is quoted). */
function dropTags(text: string): { tags: string[]; body: string } {
  const { tags, body } = dropLeadingTags(text);
  const wrapped = WRAPPED.exec(body);
  return { tags, body: wrapped ? (wrapped[1] ?? wrapped[2] ?? wrapped[3] ?? body).trim() : body };
}

function dropLeadingTags(text: string): { tags: string[]; body: string } {
  const tags: string[] = [];
  let body = text;
  for (let m = TAG.exec(body); m; m = TAG.exec(body)) {
    const tag = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    // `#YH-0012`, `【YH-0012】`: a code dressed as a tag is still the code
    const code = findHazardCode(tag);
    if (code && code.index === 0 && code.length === tag.length) {
      body = `${tag} ${body.slice(m[0].length)}`;
      break;
    }
    tags.push(tag);
    body = body.slice(m[0].length);
  }
  return { tags, body };
}

/** A run of codes at the start of the text: the codes and the text after them. */
function leadingCodes(text: string, allowBare: boolean): { codes: string[]; rest: string; bare: boolean } {
  const codes: string[] = [];
  let bareSeen = false;
  let rest = text;
  for (;;) {
    const m = HAZARD_CODE.exec(rest);
    const bare = allowBare && codes.length === 0 ? BARE_CODE.exec(rest) : null;
    let length: number;
    if (m && m.index === 0 && m[1] !== undefined) {
      codes.push(formatHazardCode(Number(m[1])));
      length = m[0].length;
    } else if (bare) {
      codes.push(formatHazardCode(Number(bare[0])));
      length = bare[0].length;
      bareSeen = true;
    } else break;
    rest = rest.slice(length);
    const join = CODE_JOIN.exec(rest);
    const next = join ? rest.slice(join[0].length) : rest;
    const more = HAZARD_CODE.exec(next);
    if (!(more && more.index === 0)) break;
    rest = next;
  }
  return { codes: [...new Set(codes)], rest: codes.length ? rest.replace(LEAD, '') : text, bare: bareSeen };
}

interface Keyword<C> { word: string; lower: string; command: C; afterCode: boolean }
/** Each command list's keywords, longest first: with the words that count only after a code, and without. */
const keywordLists = new WeakMap<readonly Routable[], { withAfterCode: Keyword<Routable>[]; withoutAfterCode: Keyword<Routable>[] }>();

/** The keywords to look for, longest first; built once per command list (every message needs them). */
function keywordsOf<C extends Routable>(commands: readonly C[], afterCode: boolean): ReadonlyArray<Keyword<C>> {
  let lists = keywordLists.get(commands);
  if (!lists) {
    const keyword = (word: string, command: C, afterCode: boolean): Keyword<C> => ({ word, lower: word.toLowerCase(), command, afterCode });
    // a stable sort: among words of one length, the names before the after-code words, in command order
    const withAfterCode = commands.flatMap((command) => [command.name, ...command.aliases].map((word) => keyword(word, command, false)))
      .concat(commands.flatMap((command) => (command.afterCode ?? []).map((word) => keyword(word, command, true))))
      .sort((a, b) => b.word.length - a.word.length);
    lists = { withAfterCode, withoutAfterCode: withAfterCode.filter((k) => !k.afterCode) };
    keywordLists.set(commands, lists);
  }
  return (afterCode ? lists.withAfterCode : lists.withoutAfterCode) as unknown as ReadonlyArray<Keyword<C>>;
}

/**
 * Finds which command a message is. A command starts with its keyword, possibly after one or more
 * hazard codes (`YH-0012 进度60%`, `YH-0008、YH-0012 请验收`), or the codes follow it
 * (`查询 YH-0012`). A message that leads with a code but no keyword may still name a keyword
 * later (`YH-0012 已换阀门，进度60%`). A code alone, or a question about it, goes to
 * `fallbackForCode`. Leading tags (`【转发】`, `#隐患`) are dropped, and a tag naming a command
 * (its name, an alias or one of its `tags`) routes there. Free-text inspection findings go to the
 * command marked `findings`. Anything else is chat and is left alone.
 */
export function routeMessage<C extends Routable>(text: string, commands: readonly C[], fallbackForCode?: C): Routed<C> | null {
  const { tags, body: untagged } = dropTags(text);
  const lead = leadingCodes(untagged, true);
  const bareOnly = lead.bare;
  let codes = lead.codes;
  const body = lead.rest;
  const keywords = keywordsOf(commands, codes.length > 0);
  const lowerBody = body.toLowerCase();
  const done = (command: C, rest: string, codeList: string[]): Routed<C> => {
    const all = findHazardCodes(text).map((c) => c.code);
    return { command, code: codeList[0] ?? null, codes: codeList, otherCodes: [...new Set(all.filter((c) => !codeList.includes(c)))], tags, rest: rest.trim() };
  };

  const atStart = keywords.find(
    (k) =>
      lowerBody.startsWith(k.lower) &&
      (k.afterCode ? !/\p{Script=Han}/u.test(body[k.word.length] ?? '') : codes.length > 0 || standsApart(k.word, body[k.word.length])),
  );
  if (atStart) {
    let rest = body.slice(atStart.word.length).replace(LEAD, '');
    if (codes.length === 0) {
      const after = leadingCodes(rest, false);
      codes = after.codes;
      rest = after.rest;
    }
    return done(atStart.command, rest, codes);
  }

  // a tag names the command: `#隐患 红星化工…`, `【整改进度】YH-0001 60%`
  const tagged = tags
    .map((tag) => commands.find((c) => c.name === tag || c.aliases.includes(tag) || c.tags?.includes(tag)))
    .find((c) => c !== undefined);
  if (tagged) return done(tagged, body, codes);

  if (codes.length === 0) {
    const findings = commands.find((c) => c.findings);
    return findings && looksLikeFindings(body) ? done(findings, body, []) : null;
  }

  let best: { word: string; command: C; at: number } | null = null;
  for (const k of keywords) {
    if (!k.command.keywordAnywhere || k.afterCode) continue;
    for (let at = body.indexOf(k.word); at !== -1; at = body.indexOf(k.word, at + 1)) {
      if (NEGATION.test(body.slice(0, at))) continue;
      if (!best || at < best.at) best = { ...k, at };
      break;
    }
  }
  if (best) {
    const before = body.slice(0, best.at).trim();
    const after = body.slice(best.at + best.word.length).replace(LEAD, '').trim();
    // `已更换阀门，进度80%` → `已更换阀门，80%`
    const rest = before && after && !/[，,；;。]$/.test(before) ? `${before} ${after}` : before + after;
    return done(best.command, rest, codes);
  }
  // a bare number (`0012 好的`) is a code only when a keyword follows it
  if (bareOnly) return null;
  // a code alone, or a question about it (`YH-0012 怎么样了？`), asks to see it; `YH-0012 好的` is chat
  const rest = body.trim();
  return fallbackForCode && (rest === '' || ASKS.test(rest)) ? done(fallbackForCode, rest, codes) : null;
}

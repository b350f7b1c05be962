/**
 * What a chat platform takes in one message, and how user-written text is made safe to show
 * inside the bot's replies. DingTalk and WeCom robots take a text message of at most 2,048 UTF-8
 * bytes and a markdown one of 4,096 (a Chinese character is 3 bytes: ~680 characters of text).
 */
export const TEXT_LIMIT_BYTES = 2048;
export const MARKDOWN_LIMIT_BYTES = 4096;
/**
 * How long one reply may be: several messages (the dispatcher cuts it on line boundaries into
 * numbered parts for each platform), about six on the strictest. Lists fit themselves to it with
 * `fitRows`, saying what was left out; a chat is not a spreadsheet (导出台账 has everything).
 */
export const LONG_REPLY_BYTES = 12_288;

/** How many characters of a user's own words a reply echoes (the record keeps them whole). */
export const ECHO = {
  /** a description or measures in a registration echo or a detail view */
  long: 200,
  /** a reason, a progress note, an event's text in a history line */
  medium: 80,
  /** a description in a one-line list row */
  row: 24,
  /** a name, a group name, a word echoed back in an error */
  name: 30,
} as const;

/** UTF-8 length, which is what the platforms count. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const ELLIPSIS = '…';
// Line breaks of every kind (a list row must stay one row), bidi overrides that would flip the
// rest of a row visually, and other invisible format characters.
const LINE_BREAKS = /[\r\n\v\f\u0085\u2028\u2029]+/g;
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/g;
/** Mentions the platforms act on: `@所有人`/`@all` (WeChat, WeCom, DingTalk) and `<@id>`/`<at …>` tags. */
const FORGED_MENTION = /@(?=\s*(?:所有人|全体成员|全体|all\b|everyone\b|here\b|channel\b))|<(?=\s*(?:@|at\b|\/at\b))/giu;

/**
 * Makes text written by a user harmless inside a reply: a bare `@所有人`, `@all` or a
 * `<@userid>` / `<at>` tag becomes its full-width look-alike (`＠所有人`, `＜@…`), so no platform
 * turns it into a mention; the bot's own mentions travel beside the text, never in it.
 */
export function neutralize(text: string): string {
  return text.replace(FORGED_MENTION, (ch) => (ch === '@' ? '＠' : '＜'));
}

/** Cuts to at most `max` characters (whole code points), marking the cut with '…'. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}${ELLIPSIS}`;
}

/**
 * A user's words as one safe line inside a reply: line breaks and runs of spaces become one
 * space, invisible and direction-changing characters go, forged mentions are neutralized, and
 * the result is cut to `max` characters.
 */
export function inline(text: string, max: number): string {
  return clip(neutralize(text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()), max);
}

/**
 * Keeps the whole lines of a message that fit `limit` UTF-8 bytes and says that the rest was
 * left out: never a cut inside a line, nor inside a character.
 */
export function clipLines(text: string, limit: number): string {
  if (byteLength(text) <= limit) return text;
  const mark = '……（以下从略）';
  const kept: string[] = [];
  let used = byteLength(mark);
  for (const line of text.split('\n')) {
    if (used + byteLength(line) + 1 > limit) break;
    kept.push(line);
    used += byteLength(line) + 1;
  }
  return [...kept, mark].join('\n');
}

/**
 * Lines that fit one reply of `limit` bytes (by default a long reply, sent in numbered parts):
 * `head`, then as many of `rows` as fit (the first ones, or with `keep: 'last'` the last ones),
 * then `note(shown)`, which says what was left out.
 */
export function fitRows(
  head: readonly string[],
  rows: readonly string[],
  note: (shown: number) => readonly string[],
  options: { limit?: number; keep?: 'first' | 'last' } = {},
): string {
  const limit = options.limit ?? LONG_REPLY_BYTES;
  const pick = (n: number) => (options.keep === 'last' ? rows.slice(rows.length - n) : rows.slice(0, n));
  const render = (n: number) => (options.keep === 'last' ? [...head, ...note(n), ...pick(n)] : [...head, ...pick(n), ...note(n)]).join('\n');
  let shown = rows.length;
  while (shown > 0 && byteLength(render(shown)) > limit) shown--;
  return render(shown);
}

const MARKDOWN_LOOKALIKE: Record<string, string> = {
  '*': '＊', _: '＿', '`': '｀', '#': '＃', '[': '［', ']': '］', '<': '＜', '>': '＞', '|': '｜', '~': '～', '\\': '＼', '&': '＆',
};
const MARKDOWN_CONTROL = /[*_`#[\]<>|~\\&]/g;
/** A line of only `=` or `-` turns the line above into a heading (or is a rule). */
const SETEXT_LINE = /^([ \t]*)([=-]{2,}[ \t]*)$/gm;

/**
 * Text as markdown that shows exactly what was written: every markdown control character — link
 * and image brackets, heading `#`, emphasis `*` `_` `~`, code, quote `>`, HTML and `<@userid>`
 * tags, entities `&…;` — becomes its full-width look-alike, and `===`/`---` lines stay lines.
 * Look-alikes, not backslashes: the platforms' markdown dialects (WeCom, DingTalk) differ on
 * escapes, and a look-alike reads the same everywhere. Line breaks are kept. Channels apply it
 * to every plain text they send as markdown; a markdown message the bot composes applies it
 * (through `inlineMarkdown`) to each user-written piece.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_CONTROL, (ch) => MARKDOWN_LOOKALIKE[ch] ?? ch)
    .replace(SETEXT_LINE, (_line, indent: string, rule: string) => indent + rule.replace(/=/g, '＝').replace(/-/g, '－'));
}

/**
 * A user's words as one line inside a markdown message (a digest): `inline`, then
 * `escapeMarkdown`.
 */
export function inlineMarkdown(text: string, max: number): string {
  return escapeMarkdown(inline(text, max));
}

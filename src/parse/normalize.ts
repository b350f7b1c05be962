// Chinese sentence punctuation stays as typed (，；！？（）): it reads right in the records and the
// parsers treat it as a separator. Everything else full-width folds to ASCII.
const KEEP_FULL_WIDTH = new Set(['，', '；', '！', '？', '（', '）']);

/**
 * Folds what people type into one shape: full-width letters, digits and signs to half-width
 * (ＹＨ－００１２ → YH-0012, ：→ :, ％ → %), ideographic spaces to spaces, every kind of line
 * break to \n, stray control characters away, and the invisible zero-width and bidi-override
 * characters out (they would hide a keyword or flip how a row of a list reads).
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => (KEEP_FULL_WIDTH.has(ch) ? ch : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .replace(/[\u3000\u00A0\u2002-\u200A\u202F\u205F]/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF]/g, '')
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, ' ')
    .trim();
}

/**
 * A hazard code in any case or dash: yh-12, YH－0012, YH 0012, YH一0012 (the IME's 一 for a dash),
 * and as voice input writes it, YH杠0012, YH零零一二 (digits written out, led by the padding 零)
 * → YH-0012. The number is in group 1 or, written out, group 2: read it with {@link codeNumber}.
 */
export const HAZARD_CODE = /\b(?:YH)\s*[-_—–一杠]?\s*(?:(\d{1,6})\b|([零〇][零〇一二三四五六七八九]{0,5})(?![零〇一二三四五六七八九十百千万]))/i;

const SPOKEN_DIGIT: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The number of a {@link HAZARD_CODE} match, digits or written out; null when it has none. */
export function codeNumber(m: RegExpExecArray | RegExpMatchArray): number | null {
  const digits = m[1] ?? (m[2] === undefined ? undefined : Array.from(m[2], (c) => SPOKEN_DIGIT[c] ?? '').join(''));
  return digits === undefined ? null : Number(digits);
}

/** Canonical code form for a number. */
export function formatHazardCode(n: number): string {
  return `YH-${String(n).padStart(4, '0')}`;
}

/** Extracts and canonicalizes the first hazard code in a text. */
export function findHazardCode(text: string): { code: string; index: number; length: number } | null {
  const m = HAZARD_CODE.exec(text);
  const n = m ? codeNumber(m) : null;
  if (!m || n === null) return null;
  return { code: formatHazardCode(n), index: m.index, length: m[0].length };
}

/** Every hazard code in a text, canonical, in the order written; a code written twice counts once. */
export function findHazardCodes(text: string): Array<{ code: string; index: number; length: number }> {
  const seen = new Set<string>();
  const found: Array<{ code: string; index: number; length: number }> = [];
  for (const m of text.matchAll(new RegExp(HAZARD_CODE.source, 'gi'))) {
    const n = codeNumber(m);
    if (n === null) continue;
    const code = formatHazardCode(n);
    if (seen.has(code)) continue;
    seen.add(code);
    found.push({ code, index: m.index ?? 0, length: m[0].length });
  }
  return found;
}

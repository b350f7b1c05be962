/** A numbered list found in a message: the text before it and each item's text. */
export interface NumberedItems {
  head: string;
  items: string[];
}

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CIRCLED = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];
/** What a digit marker may not be followed by: a unit or a count (`2号罐`, `3处`, `1.5米`). */
const NOT_AFTER_BARE = /^[号个处项天日月年米吨台套楼层栋名人次条块根只辆间家倍级度点时分秒%\d.]/;

/** Where marker `n` (1-based) stands at or after `from`, in one numbering style, and its length. */
type Finder = (text: string, n: number, from: number) => { at: number; length: number } | null;

function finder(marker: (n: number) => RegExp): Finder {
  return (text, n, from) => {
    const re = marker(n);
    re.lastIndex = from;
    const m = re.exec(text);
    return m ? { at: m.index + (m[1]?.length ?? 0), length: m[0].length - (m[1]?.length ?? 0) } : null;
  };
}

/**
 * The numbering styles people use, each a marker for item n: `1.` `1、` `1)` `(1)` `（1）`,
 * `①`, `一是` `二是`, `一、` `二、`, `第一` `第二`, and in voice-to-text run-ons a bare `1配电室…2灭火器…`.
 */
const STYLES: Finder[] = [
  finder((n) => new RegExp(`(^|[^\\d.(（])${n}\\s*[.、)）](?!\\d)\\s*`, 'g')),
  finder((n) => new RegExp(`()[（(]${n}[)）]\\s*`, 'g')),
  finder((n) => new RegExp(`()${CIRCLED[n - 1] ?? '\\uFFFF'}\\s*`, 'g')),
  finder((n) => new RegExp(`()(?:其)?${CN_ORDINALS[n - 1] ?? '\\uFFFF'}是[:：,，\\s]*`, 'g')),
  finder((n) => new RegExp(`(^|[\\s,，;；。:：])${CN_ORDINALS[n - 1] ?? '\\uFFFF'}、\\s*`, 'g')),
  finder((n) => new RegExp(`()第${CN_ORDINALS[n - 1] ?? '\\uFFFF'}[,，、:：\\s]\\s*`, 'g')),
  (text, n, from) => {
    const re = new RegExp(`(^|[\\p{Script=Han}\\s,，;；。:：])${n}(?=\\p{Script=Han})`, 'gu');
    re.lastIndex = from;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index + (m[1]?.length ?? 0);
      if (!NOT_AFTER_BARE.test(text.slice(at + String(n).length))) return { at, length: String(n).length };
    }
    return null;
  },
];

/**
 * Splits `红星化工 1.配电室门口堆放杂物 2.灭火器过期 3.应急照明不亮，责任人张伟` into the head
 * and its items: markers must run 1, 2, 3… in order in one style, at least two of them, so a lone
 * `2号罐` or `1.5米` is never a list. Null when there is no such list.
 */
export function splitNumberedItems(text: string): NumberedItems | null {
  for (const find of STYLES) {
    const marks: Array<{ at: number; length: number }> = [];
    let from = 0;
    for (let n = 1; n <= 20; n++) {
      const mark = find(text, n, from);
      if (!mark) break;
      marks.push(mark);
      from = mark.at + mark.length;
    }
    if (marks.length < 2) continue;
    const items = marks.map((mark, i) => text.slice(mark.at + mark.length, marks[i + 1]?.at ?? text.length).replace(/^[\s,，;；。、]+|[\s,，;；。、]+$/g, ''));
    if (items.some((item) => item === '')) continue;
    return { head: text.slice(0, marks[0]?.at ?? 0), items };
  }
  return null;
}

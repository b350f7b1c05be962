/** Edit distance (insert, delete, replace one character), counted in characters, not UTF-16 units. */
function distance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** How far a written name may be from a roster name: one slip in a short name, two in a long one. */
const allowed = (length: number) => (length >= 6 ? 2 : 1);

/** One roster name a typo may stand for, and the words written for it. */
export interface UnitGuess {
  /** as written in the message */
  written: string;
  /** roster names it is closest to, best first */
  names: string[];
}

/** Roster names close to a name that is not in the roster (`红兴化工` → 红星化工), best first. Pure. */
export function closestUnitNames(written: string, unitNames: readonly string[]): string[] {
  const w = Array.from(written);
  return unitNames
    .map((name) => ({ name, d: distance(w, Array.from(name)) }))
    .filter(({ name, d }) => d > 0 && d <= allowed(Array.from(name).length) && Array.from(name).length >= 3)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'zh'))
    .map((x) => x.name);
}

/**
 * A roster unit name misspelt somewhere in free text (`红兴化工储罐区呼吸阀损坏`): the written
 * stretch of the same length (or one longer or shorter) closest to a name, when there is one.
 * Names of fewer than three characters are not guessed: too many words look like them. Pure.
 */
export function findMisspeltUnit(text: string, unitNames: readonly string[]): UnitGuess | null {
  const chars = Array.from(text);
  let best: { written: string; d: number; names: string[] } | null = null;
  for (const name of unitNames) {
    const n = Array.from(name);
    if (n.length < 3 || text.includes(name)) continue;
    // a slip of the same length first (蓝天物留), then a missing or extra character
    for (const len of [n.length, n.length - 1, n.length + 1]) {
      for (let at = 0; at + len <= chars.length; at++) {
        const piece = chars.slice(at, at + len);
        // the first or the last character must agree: 红兴化工 for 红星化工, not any four-character word
        if (piece[0] !== n[0] && piece[len - 1] !== n[n.length - 1]) continue;
        const d = distance(piece, n) + (len === n.length ? 0 : 0.5);
        if (d === 0 || d > allowed(n.length) + 0.5 || /[\s,，。;；:]/.test(piece.join(''))) continue;
        const written = piece.join('');
        if (!best || d < best.d) best = { written, d, names: [name] };
        else if (d === best.d && written === best.written && !best.names.includes(name)) best.names.push(name);
      }
    }
  }
  return best ? { written: best.written, names: best.names } : null;
}

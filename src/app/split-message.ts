const encoder = new TextEncoder();

/** UTF-8 length: what the platforms count (a Chinese character is 3 bytes). */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** The longest start of `line` within `room` bytes, cut between characters (never inside one), and the rest. */
function takePrefix(line: string, room: number): [string, string] {
  let used = 0;
  let at = 0;
  for (const ch of line) {
    const n = utf8Bytes(ch);
    if (used + n > room) break;
    used += n;
    at += ch.length;
  }
  return [line.slice(0, at), line.slice(at)];
}

/**
 * Splits a text into messages of at most `maxBytes` UTF-8 bytes, on line boundaries: a message
 * holds whole lines, and only a line longer than the limit by itself is cut inside. Texts within
 * the limit come back as they are. With `continued`, every message after the first starts with
 * the line `continued(n)` (n = 1, 2 …: `【通报】（续1）`), so a reader who sees a later part alone
 * knows what it continues; on a route too narrow for that line (a quarter of the limit) it is left out.
 */
export function splitMessage(text: string, maxBytes: number, continued?: (n: number) => string): string[] {
  if (maxBytes <= 0 || utf8Bytes(text) <= maxBytes) return [text];
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  let heads = 0;
  const start = () => {
    const head = continued?.(parts.length);
    if (parts.length === 0 || !head || utf8Bytes(head) * 4 > maxBytes) return;
    current = [head];
    size = utf8Bytes(head);
    heads = 1;
  };
  const flush = () => {
    // blank lines at a cut belong to neither side
    while (current.length > heads && current[current.length - 1]?.trim() === '') current.pop();
    if (current.length > heads) parts.push(current.join('\n'));
    current = [];
    size = 0;
    heads = 0;
  };
  for (const line of text.split('\n')) {
    const n = utf8Bytes(line);
    if (current.length === 0) start();
    // +1 for the newline that joins it to the line before
    const added = current.length === 0 ? n : n + 1;
    if (size + added > maxBytes) {
      flush();
      start();
    }
    if (current.length === heads && line.trim() === '') continue;
    // only a line longer than a whole message is cut, between characters
    let rest = line;
    for (;;) {
      const room = maxBytes - (current.length === 0 ? 0 : size + 1);
      if (utf8Bytes(rest) <= room) break;
      const [piece, after] = takePrefix(rest, room);
      if (piece === '') {
        if (current.length > heads) {
          // no room left in this message: the line goes on in the next
          flush();
          start();
        } else if (heads > 0) {
          // no room beside the continuation line: this message goes without it
          current = [];
          size = 0;
          heads = 0;
        } else {
          // a character wider than the whole limit: sent alone rather than lost
          const first = Array.from(rest)[0] ?? '';
          parts.push(first);
          rest = rest.slice(first.length);
        }
        continue;
      }
      current.push(piece);
      flush();
      start();
      rest = after;
    }
    if (rest === '') continue;
    current.push(rest);
    size += current.length === 1 ? utf8Bytes(rest) : utf8Bytes(rest) + 1;
  }
  flush();
  return parts.length > 0 ? parts : [''];
}

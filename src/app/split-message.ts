const encoder = new TextEncoder();

/** UTF-8 length: what the platforms count (a Chinese character is 3 bytes). */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Cuts one line that alone is over the limit, between characters (never inside one). */
function cutLine(line: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = utf8Bytes(ch);
    if (size + n > maxBytes && current) {
      pieces.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Splits a text into messages of at most `maxBytes` UTF-8 bytes, on line boundaries: a message
 * holds whole lines, and only a line longer than the limit by itself is cut inside. Texts within
 * the limit come back as they are.
 */
export function splitMessage(text: string, maxBytes: number): string[] {
  if (maxBytes <= 0 || utf8Bytes(text) <= maxBytes) return [text];
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    // blank lines at a cut belong to neither side
    while (current.length > 0 && current[current.length - 1]?.trim() === '') current.pop();
    if (current.length > 0) parts.push(current.join('\n'));
    current = [];
    size = 0;
  };
  for (const line of text.split('\n')) {
    const n = utf8Bytes(line);
    if (n > maxBytes) {
      flush();
      const pieces = cutLine(line, maxBytes);
      parts.push(...pieces.slice(0, -1));
      const last = pieces[pieces.length - 1] ?? '';
      current = [last];
      size = utf8Bytes(last);
      continue;
    }
    // +1 for the newline that joins it to the line before
    const added = current.length === 0 ? n : n + 1;
    if (size + added > maxBytes) flush();
    if (current.length === 0 && line.trim() === '') continue;
    current.push(line);
    size += current.length === 1 ? n : n + 1;
  }
  flush();
  return parts.length > 0 ? parts : [''];
}

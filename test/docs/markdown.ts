/** A fenced code block of a Markdown page: its language tag ('' when none) and its text. */
export interface FencedBlock {
  lang: string;
  body: string;
}

/** The fenced (```) blocks of a Markdown page, in order; indented fences inside lists count too. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { lang: string; indent: string; lines: string[] } | null = null;
  for (const line of markdown.split('\n')) {
    const fence = /^(\s*)```(\S*)\s*$/.exec(line);
    if (!open && fence) open = { lang: fence[2] ?? '', indent: fence[1] ?? '', lines: [] };
    else if (open && fence) {
      blocks.push({ lang: open.lang, body: open.lines.join('\n').trim() });
      open = null;
    } else if (open) open.lines.push(line.startsWith(open.indent) ? line.slice(open.indent.length) : line);
  }
  return blocks;
}

/** The commands of a shell block: one a line, without comment lines or a trailing `# comment`. */
export function shellCommands(body: string): string[] {
  return body.split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

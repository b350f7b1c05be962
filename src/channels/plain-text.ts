/**
 * Markdown as plain chat text, for platforms that show none (WeChat): headings, emphasis and
 * quote marks go, links keep their address.
 */
export function markdownToPlain(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/^\s{0,3}>\s?/, ''))
    .join('\n')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/!\[([^\]]*)\]\(([^)]+)\)/g, '$1 $2')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 $2')
    .replace(/<font[^>]*>(.*?)<\/font>/g, '$1');
}

/** Names written as `@张伟` in a text, in order (the platform's mention list has ids, not always names). */
export function mentionedNames(text: string): string[] {
  return [...text.matchAll(/@([^\s@,，:：;；]+)/g)].map((m) => m[1] ?? '').filter(Boolean);
}

/** Removes the bot's own @-mention (`@隐患清零` followed by a space or the end) from a text. */
export function stripSelfMention(text: string, selfNames: readonly string[]): string {
  let out = text;
  for (const name of selfNames.filter(Boolean)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`@${escaped}(?:[\\s\\u2005]+|$)`, 'g'), ' ');
  }
  return out.trim();
}

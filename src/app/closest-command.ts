import type { Command } from '../features/command.ts';
import type { Role } from '../domain/types.ts';

/** Characters that say nothing about which command was meant. */
const FILLER = /[\s\p{P}\p{S}的了吗呢吧啊是我你他一个这那有在和请]/gu;

/**
 * The command a message the bot did not understand most likely meant, among those the sender may
 * use: one whose name or alias it contains (`帮我看看验收的情况` → 验收通过), else the one sharing
 * the most characters with its names and summary (two at least), else none.
 */
export function closestCommand(text: string, commands: readonly Command[], role: Role): Command | null {
  const allowed = commands.filter((c) => !c.roles || c.roles.includes(role));
  const words = allowed
    .flatMap((c) => [c.name, ...c.aliases].map((word) => ({ word, c })))
    .sort((a, b) => b.word.length - a.word.length);
  const named = words.find(({ word }) => word.length >= 2 && text.includes(word));
  if (named) return named.c;
  const chars = new Set(Array.from(text.replace(FILLER, '')));
  let best: { c: Command; score: number } | null = null;
  for (const c of allowed) {
    const vocabulary = new Set(Array.from([c.name, ...c.aliases, c.summary].join('').replace(FILLER, '')));
    const score = [...chars].filter((ch) => vocabulary.has(ch)).length;
    if (score >= 2 && (!best || score > best.score)) best = { c, score };
  }
  return best?.c ?? null;
}

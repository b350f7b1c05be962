import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CardRenderer } from './card-renderer.ts';
import type { OutgoingFile } from '../core/messages.ts';
import type { CardData } from '../domain/card.ts';

/**
 * Draws a card and returns its PNG, kept in `dir` (data/cards/) of the instance that sends it. The
 * file is named by the card's figures, so the same card for several groups, or again after a
 * restart, is drawn once and the picture sent is always the one the outbox describes.
 */
export async function cardFile(renderer: CardRenderer, dir: string, card: CardData): Promise<OutgoingFile> {
  const name = `card-${createHash('sha256').update(JSON.stringify(card)).digest('hex').slice(0, 20)}.png`;
  const path = join(dir, name);
  if (existsSync(path)) return { name, data: readFileSync(path) };
  const png = await renderer.draw(card);
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, png);
  renameSync(temp, path);
  return { name, data: png };
}

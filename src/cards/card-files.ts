import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CardRenderer } from './card-renderer.ts';
import type { CardData } from '../domain/card.ts';

/**
 * Draws a card into `dir` (data/cards/) and returns the PNG's path. The file is named by the
 * card's figures, so the same card for several groups, or again after a restart, is drawn once
 * and the picture sent is always the one the outbox describes.
 */
export async function cardFile(renderer: CardRenderer, dir: string, card: CardData): Promise<string> {
  const name = `card-${createHash('sha256').update(JSON.stringify(card)).digest('hex').slice(0, 20)}.png`;
  const path = join(dir, name);
  if (existsSync(path)) return path;
  const png = await renderer.draw(card);
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, png);
  renameSync(temp, path);
  return path;
}

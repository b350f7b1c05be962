import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { OutgoingFile } from '../core/messages.ts';

/**
 * Writes `file` into `dir` under its own name and returns the full path: the console's way to
 * hand over a file the bot sends, and `npm run export`'s default place. A name already taken by
 * other bytes gets -2, -3 … before its extension; the same bytes already there are left as they are.
 */
export function saveFile(dir: string, file: OutgoingFile): string {
  mkdirSync(dir, { recursive: true });
  const name = basename(file.name);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const path = resolve(join(dir, `${stem}${n > 1 ? `-${n}` : ''}${ext}`));
    if (!existsSync(path)) {
      writeFileSync(path, file.data);
      return path;
    }
    if (statSync(path).size === file.data.length && readFileSync(path).equals(file.data)) return path;
  }
}

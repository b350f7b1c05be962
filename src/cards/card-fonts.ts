import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/noto-sans-sc';

/**
 * The full Noto Sans SC Regular and Bold TTFs from @expo-google-fonts/noto-sans-sc (SIL Open Font
 * License 1.1, the package's LICENSE_FONT). The server may have no CJK font at all.
 */
export function fullFontFiles(): string[] {
  const root = dirname(require.resolve(`${PACKAGE}/package.json`));
  return [join(root, '400Regular', 'NotoSansSC_400Regular.ttf'), join(root, '700Bold', 'NotoSansSC_700Bold.ttf')];
}

function fontLicence(): string {
  return join(dirname(require.resolve(`${PACKAGE}/package.json`)), 'LICENSE_FONT');
}

/**
 * The characters the subset keeps: printable ASCII, GB2312's symbols and its 6,763 hanzi (every
 * character a GBK decoder gives for the rows A1–A9 and B0–F7). Names of people and firms now and
 * then use rarer ones (喆, 堃, 垚): those cards load the full font as well.
 */
export function subsetCharacters(): Set<string> {
  const gbk = new TextDecoder('gbk');
  const chars = new Set<string>();
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    if (hi > 0xa9 && hi < 0xb0) continue;
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = gbk.decode(Uint8Array.of(hi, lo));
      if (ch !== '\ufffd' && [...ch].length === 1) chars.add(ch);
    }
  }
  return chars;
}

/** The font files for a card: the subset alone when it has every character drawn, else the full font after it. */
export interface CardFonts {
  filesFor(text: string): string[];
}

/**
 * Builds the GB2312 subsets of both weights into `cacheDir` once (about 0.2 s; the OFL licence is
 * copied beside them, as the licence asks of a modified font). A card drawn with the 2.4 MB subset
 * takes a third of the time of one drawn with the 10.5 MB full font (BENCHMARKS.md).
 */
export async function prepareCardFonts(cacheDir: string): Promise<CardFonts> {
  const full = fullFontFiles();
  const chars = subsetCharacters();
  mkdirSync(cacheDir, { recursive: true });
  const subsets: string[] = [];
  for (const file of full) {
    const target = join(cacheDir, basename(file).replace(/\.ttf$/, '.gb2312.ttf'));
    if (!existsSync(target)) {
      const data = await subsetFont(readFileSync(file), [...chars].join(''), { targetFormat: 'truetype' });
      // whole or not at all: a half-written font would be used for ever
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, data);
      renameSync(temp, target);
    }
    subsets.push(target);
  }
  const licence = join(cacheDir, 'OFL.txt');
  if (!existsSync(licence)) copyFileSync(fontLicence(), licence);
  return {
    filesFor(text) {
      for (const ch of text) if (!chars.has(ch) && ch.trim()) return [...subsets, ...full];
      return subsets;
    },
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot } from '../src/app/bot.ts';
import { defaultConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { cardExtras } from '../src/cards/card-extras.ts';
import { prepareCardFonts } from '../src/cards/card-fonts.ts';
import { createCardRenderer } from '../src/cards/card-renderer.ts';
import { renderCardSvg, svgTexts } from '../src/cards/card-svg.ts';
import { RecordingChannel } from '../src/channels/recording-channel.ts';
import { createStore } from '../src/db/store.ts';
import { atLocal } from '../src/domain/calendar.ts';
import { DIGEST_LIST_LIMIT } from '../src/domain/digest.ts';
import { zh } from '../src/i18n/zh-CN.ts';

const RENDERS = 20;

/**
 * Opened by bench/run.ts in a fresh process: gathers the county's digest card from a seeded
 * database, then draws it RENDERS times one after another as the dispatcher does (awaited, the
 * event loop free between them), and prints the timings and the memory they took as one JSON line.
 * The first card also loads the font subsets (built before it); it is reported apart. CPU time
 * is reported beside wall time: on a shared machine the wall time mostly measures the neighbours.
 */
async function main(file: string): Promise<void> {
  const now = atLocal('2026-12-01 17:30');
  const dataDir = mkdtempSync(join(tmpdir(), 'hz-cards-'));
  const bot = await createBot({ config: defaultConfig({ dbFile: file, dataDir }), channel: new RecordingChannel(() => now), log: createLogger('silent'), clock: () => now });
  const store = createStore(bot.db);
  const t0 = performance.now();
  const digest = await store.digests.digest({ from: '2026-12-01', to: '2026-12-01' }, '2026-12-01', DIGEST_LIST_LIMIT);
  const t1 = performance.now();
  const extras = await cardExtras(store, '2026-12-01', 'unit');
  const digestMs = t1 - t0;
  const extrasMs = performance.now() - t1;
  const card = zh.cards.daily(digest, zh.digest.county, extras, now);
  await bot.close();

  const renderer = createCardRenderer({ fontCacheDir: join(dataDir, 'fonts') });
  const fonts = (await prepareCardFonts(join(dataDir, 'fonts'))).filesFor(svgTexts(renderCardSvg(card)).join(''));
  let t = performance.now();
  const first = await renderer.draw(card);
  const firstMs = performance.now() - t;
  // the fonts' own memory is paid once; what a render adds is measured from here
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const samples: number[] = [];
  const cpu: number[] = [];
  let peakRss = process.memoryUsage().rss;
  for (let i = 0; i < RENDERS; i++) {
    t = performance.now();
    const c = process.cpuUsage();
    await renderer.draw(card);
    const used = process.cpuUsage(c);
    samples.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(JSON.stringify({
    digestMs, extrasMs, firstMs, pngBytes: first.length, fonts: fonts.length > 2 ? 'subset + full' : 'subset',
    p50: samples[Math.floor(RENDERS / 2)], max: samples.at(-1), cpuP50: cpu[Math.floor(RENDERS / 2)],
    extraRssMb: (peakRss - rssBefore) / 1024 / 1024,
  }));
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { Resvg } from '@resvg/resvg-js';
import { collectGarbage } from './collect-garbage.ts';
import { prepareCardFonts, type CardFonts } from './card-fonts.ts';
import { CARD_FONT, renderCardSvg, svgTexts } from './card-svg.ts';
import type { CardData } from '../domain/card.ts';

/** Draws chart cards: ECharts → SVG → resvg → PNG. */
export interface CardRenderer {
  draw(card: CardData): Promise<Buffer>;
}

/**
 * A renderer that draws one card at a time, on the main thread, and collects the garbage after
 * each: measured (BENCHMARKS.md), this keeps 20 cards in a row within ~15 MB of extra memory,
 * where resvg's `renderAsync` on libuv's pool grew it by 60–90 MB (freed pixels stay in each pool
 * thread's allocator). A card costs ~150 ms of CPU, a few times a day. Fonts are prepared on the
 * first card; the event loop gets a turn between cards.
 */
export function createCardRenderer(options: { fontCacheDir: string }): CardRenderer {
  let fonts: Promise<CardFonts> | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  async function draw(card: CardData): Promise<Buffer> {
    fonts ??= prepareCardFonts(options.fontCacheDir);
    const svg = renderCardSvg(card);
    const files = (await fonts).filesFor(svgTexts(svg).join(''));
    const png = new Resvg(svg, {
      font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: CARD_FONT, sansSerifFamily: CARD_FONT },
      fitTo: { mode: 'original' },
      background: '#ffffff',
    }).render().asPng();
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
    return png;
  }

  return {
    draw(card) {
      const result = chain.then(() => draw(card));
      chain = result.catch(() => undefined);
      return result;
    },
  };
}

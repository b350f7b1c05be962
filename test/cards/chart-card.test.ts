import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardHeight, CARD_WIDTH, renderCardSvg, svgTexts } from '../../src/cards/card-svg.ts';
import type { CardData } from '../../src/domain/card.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { pngSize, testCardRenderer } from '../helpers/cards.ts';
import { buildLedger } from '../helpers/ledger.ts';

let chat: Chat;
afterEach(async () => {
  await chat?.close();
});

const renderer = testCardRenderer();

/** True when `needle` occurs in `haystack` as a run of consecutive items. */
function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  return haystack.some((_, i) => needle.every((n, j) => haystack[i + j] === n));
}

describe('chart cards', () => {
  it('draws the daily digest as a 1080-px PNG whose figures are the ledger\'s, sent after the text', async () => {
    chat = await createChat({ at: '2026-12-01 08:00', cards: renderer });
    await buildLedger(chat);
    const mark = chat.channel.sent.length;
    await chat.setClock('2026-12-03 18:00');
    const digest = chat.channel.sent.slice(mark).find((d) => d.group?.name === '县安委会领导群' && d.text.startsWith('【每日安全汇总】'));
    expect(digest?.file?.name).toMatch(/^card-[0-9a-f]{20}\.png$/);
    const png = digest!.file!.data;
    // kept by the instance that drew it, to send it again without drawing
    expect(readFileSync(join(chat.dir, 'data', 'cards', digest!.file!.name))).toEqual(png);
    expect(png.length).toBeLessThan(2 * 1024 * 1024);

    // the card as written to the outbox with the digest: figures frozen when the job ran
    const card = await chat.read(async (s) => {
      const id = (await s.roster.groupByName('县安委会领导群'))!.id;
      const rows = await chat.bot.db.selectFrom('OutboxMessage').select('extra').where('groupId', '=', id).where('dedupeKey', 'like', 'send-daily-digest:%').orderBy('id', 'desc').limit(1).execute();
      return JSON.parse(rows[0]!.extra).card as CardData;
    });
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: cardHeight(card) });

    // hand-counted (test/helpers/ledger.ts): on 12-03 four open (one major), YH-0003 overdue since
    // 12-02, one registered today, none closed today; YH-0004 closed on 12-02
    const texts = svgTexts(renderCardSvg(card));
    expect(texts[0]).toBe('每日安全汇总 · 全县');
    expect(texts[1]).toBe('2026年12月3日 周四');
    expect(containsRun(texts, ['未销号', '4', '重大 1'])).toBe(true);
    expect(containsRun(texts, ['逾期', '1', '重大 0'])).toBe(true);
    expect(containsRun(texts, ['今日新增', '1', '重大 0'])).toBe(true);
    expect(containsRun(texts, ['今日销号', '0'])).toBe(true);
    expect(card.trend).toHaveLength(30);
    expect(card.trend.slice(-4)).toEqual([
      { date: '2026-11-30', open: 0, overdue: 0 },
      { date: '2026-12-01', open: 4, overdue: 0 },
      { date: '2026-12-02', open: 3, overdue: 0 },
      { date: '2026-12-03', open: 4, overdue: 1 },
    ]);
    expect(card.bars).toEqual([{ name: '实验小学', count: 1, major: 0 }]);
    expect(containsRun(texts, ['实验小学'])).toBe(true);
    expect(texts).toContain('逾期最多的单位');

    // a department's card counts its own units only
    const dept = chat.channel.sent.slice(mark).find((d) => d.group?.name === '应急管理局监管群' && d.text.startsWith('【每日安全汇总】'));
    expect(dept?.file?.name).toMatch(/\.png$/);
    expect(dept?.file?.name).not.toBe(digest?.file?.name);
  });
});

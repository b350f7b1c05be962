import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullFontFiles, prepareCardFonts, subsetCharacters } from '../../src/cards/card-fonts.ts';
import { trendOf } from '../../src/domain/card.ts';

describe('card fonts', () => {
  it('draws with the GB2312 subset, adds the full font for rarer name characters, and ships the licence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-fonts-'));
    try {
      const fonts = await prepareCardFonts(dir);
      const subset = fonts.filesFor('每日安全汇总 · 全县 红星化工 逾期 12-01 （重大）');
      expect(subset).toHaveLength(2);
      for (const f of subset) expect(f.startsWith(dir)).toBe(true);
      // 喆 is not in GB2312: the full font follows the subset as the fallback
      expect(fonts.filesFor('王喆')).toEqual([...subset, ...fullFontFiles()]);
      expect(existsSync(join(dir, 'OFL.txt'))).toBe(true);
      expect(subsetCharacters().size).toBeGreaterThan(6_763 + 95);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the trend', () => {
  it('counts a hazard open from the day it was registered until the day it was closed, overdue after its deadline', () => {
    const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    const trend = trendOf([
      // registered before the days, due 12-02, closed 12-04
      { createdOn: null, closedOn: '2026-12-04', deadline: '2026-12-02', count: 2 },
      // registered 12-02, still open, due later
      { createdOn: '2026-12-02', closedOn: null, deadline: '2026-12-05', count: 1 },
    ], days);
    expect(trend).toEqual([
      { date: '2026-12-01', open: 2, overdue: 0 },
      { date: '2026-12-02', open: 3, overdue: 0 },
      { date: '2026-12-03', open: 3, overdue: 2 },
      { date: '2026-12-04', open: 1, overdue: 0 },
    ]);
  });
});

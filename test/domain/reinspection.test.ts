import { describe, expect, it } from 'vitest';
import { formatHazardCode } from '../../src/parse/normalize.ts';
import { drawnForReinspection, reinspectionsFor } from '../../src/domain/reinspection.ts';

const codes = Array.from({ length: 2000 }, (_, i) => formatHazardCode(i + 1));

describe('drawing closed hazards for re-inspection', () => {
  it('draws every major hazard, whatever the share', () => {
    expect(codes.every((code) => drawnForReinspection({ code, level: 'major' }, { share: 0 }))).toBe(true);
  });

  it('draws no general hazard at share 0 and every one at share 1', () => {
    expect(codes.some((code) => drawnForReinspection({ code, level: 'general' }, { share: 0 }))).toBe(false);
    expect(codes.every((code) => drawnForReinspection({ code, level: 'general' }, { share: 1 }))).toBe(true);
  });

  it('draws about the configured share, the same lots every time', () => {
    const drawn = codes.filter((code) => drawnForReinspection({ code, level: 'general' }, { share: 0.2 }));
    expect(drawn.length / codes.length).toBeGreaterThan(0.17);
    expect(drawn.length / codes.length).toBeLessThan(0.23);
    expect(codes.filter((code) => drawnForReinspection({ code, level: 'general' }, { share: 0.2 }))).toEqual(drawn);
    // a larger share keeps everything a smaller one drew
    const more = new Set(codes.filter((code) => drawnForReinspection({ code, level: 'general' }, { share: 0.5 })));
    expect(drawn.every((code) => more.has(code))).toBe(true);
  });

  it('schedules each round after the closing day, across a month and a year end', () => {
    expect(reinspectionsFor({ code: 'YH-0001', level: 'major' }, '2026-12-03', { share: 0, rounds: [90, 30, 30] })).toEqual([
      { round: 30, dueOn: '2027-01-02' },
      { round: 90, dueOn: '2027-03-03' },
    ]);
    expect(reinspectionsFor({ code: 'YH-0001', level: 'general' }, '2026-12-03', { share: 0, rounds: [30, 90] })).toEqual([]);
  });
});

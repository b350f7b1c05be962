import { describe, expect, it } from 'vitest';
import { creditFlags, formalExpiry, inForce } from '../../src/domain/credit.ts';
import { creditChanges } from '../../src/domain/briefing.ts';
import type { CreditEntry } from '../../src/domain/credit.ts';
import { quarterPeriod } from '../../src/domain/period.ts';

const formal = { list: 'formal' as const, from: '2026-11-20', expiresOn: '2029-11-20', removedOn: null };

describe('credit-list standing', () => {
  it.each([
    ['the day before the decision', '2026-11-19', false],
    ['the decision day', '2026-11-20', true],
    ['the last day of the term', '2029-11-19', true],
    ['the day it expires', '2029-11-20', false],
  ])('a formal entry on %s', (_name, today, expected) => {
    expect(inForce(formal, today)).toBe(expected);
  });

  it('ends on an early-removal day', () => {
    const removed = { ...formal, removedOn: '2027-06-01' };
    expect(inForce(removed, '2027-05-31')).toBe(true);
    expect(inForce(removed, '2027-06-01')).toBe(false);
  });

  it('flags each list separately', () => {
    const watch = { list: 'watch' as const, from: '2026-12-05', expiresOn: null, removedOn: null };
    expect(creditFlags([formal, watch], '2026-12-01')).toEqual({ formal: true, watch: false });
    expect(creditFlags([formal, watch], '2026-12-05')).toEqual({ formal: true, watch: true });
    expect(creditFlags([formal, watch], '2030-01-01')).toEqual({ formal: false, watch: true });
    expect(creditFlags([], '2030-01-01')).toEqual({ formal: false, watch: false });
  });

  it('runs a term of whole years, a leap day landing on the 28th', () => {
    expect(formalExpiry('2026-11-20', 3)).toBe('2029-11-20');
    expect(formalExpiry('2024-02-29', 3)).toBe('2027-02-28');
  });

  it('tells what changed in a period', () => {
    const base: Omit<CreditEntry, 'id' | 'unitName' | 'list' | 'status' | 'decidedOn' | 'expiresOn' | 'removedOn' | 'decidedAt'> = {
      unitId: 1, decisionNo: 'X', authority: 'Y', reason: '', evidence: [], ruleKey: null, createdAt: new Date(0), note: null,
    };
    const entries: CreditEntry[] = [
      { ...base, id: 1, unitName: '甲', list: 'formal', status: 'confirmed', decidedOn: '2026-11-20', expiresOn: '2029-11-20', removedOn: null, decidedAt: null },
      { ...base, id: 2, unitName: '乙', list: 'formal', status: 'confirmed', decidedOn: '2023-10-10', expiresOn: '2026-10-10', removedOn: null, decidedAt: null },
      { ...base, id: 3, unitName: '丙', list: 'formal', status: 'confirmed', decidedOn: '2025-01-01', expiresOn: '2028-01-01', removedOn: '2026-12-01', decidedAt: null },
      { ...base, id: 4, unitName: '丁', list: 'watch', status: 'confirmed', decidedOn: '2026-12-02', expiresOn: null, removedOn: null, decidedAt: new Date('2026-12-02T01:00:00Z') },
      { ...base, id: 5, unitName: '戊', list: 'watch', status: 'proposed', decidedOn: null, expiresOn: null, removedOn: null, decidedAt: null },
    ];
    const q4 = quarterPeriod(2026, 4);
    const changes = creditChanges(entries, q4, (at) => at >= new Date('2026-09-30T16:00:00Z') && at < new Date('2026-12-31T16:00:00Z'));
    expect(changes.formalAdded.map((e) => e.unitName)).toEqual(['甲']);
    expect(changes.formalEnded.map((x) => [x.entry.unitName, x.on, x.early])).toEqual([['乙', '2026-10-10', false], ['丙', '2026-12-01', true]]);
    expect(changes.watchConfirmed.map((e) => e.unitName)).toEqual(['丁']);
    expect(changes.watchPending).toBe(1);
  });
});

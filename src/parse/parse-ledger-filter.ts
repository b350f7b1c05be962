import { findPeriod, withoutPeriod } from './parse-period.ts';
import type { Period } from '../domain/period.ts';
import type { HazardLevel, HazardStatus, LocalDate } from '../domain/types.ts';

/** The filters of `导出台账 本季度 应急管理局 重大 逾期` as written; units are matched by the caller. */
export interface LedgerFilterText {
  period: Period | null;
  /** roster unit names found (a department means the units it supervises) */
  units: string[];
  level: HazardLevel | null;
  status: HazardStatus | 'open' | 'overdue' | null;
  /** words not understood, to say so rather than ignore them */
  unknown: string[];
}

const STATUS_WORDS: ReadonlyArray<readonly [RegExp, NonNullable<LedgerFilterText['status']>]> = [
  [/逾期|超期/, 'overdue'],
  [/未销号|未完成|在办|未整改完/, 'open'],
  [/已销号|已整改|已完成|销号/, 'closed'],
  [/待验收/, 'pending_review'],
  [/整改中/, 'rectifying'],
  [/待整改|未整改/, 'registered'],
];

/** Reads ledger filters from free words, in any order; `--period 2026Q4`-style flags are the CLI's. Pure. */
export function parseLedgerFilter(text: string, unitNames: readonly string[], today: LocalDate): LedgerFilterText {
  const found = findPeriod(text, today);
  let rest = withoutPeriod(text, found);
  const units: string[] = [];
  for (const name of [...unitNames].sort((a, b) => b.length - a.length)) {
    if (!rest.includes(name)) continue;
    units.push(name);
    rest = rest.replace(name, ' ');
  }
  let level: HazardLevel | null = null;
  if (/重大/.test(rest)) level = 'major';
  else if (/一般/.test(rest)) level = 'general';
  rest = rest.replace(/(重大|一般)(事故)?(隐患)?/g, ' ');
  let status: LedgerFilterText['status'] = null;
  for (const [pattern, value] of STATUS_WORDS) {
    const m = pattern.exec(rest);
    if (!m) continue;
    status = value;
    rest = rest.replace(m[0], ' ');
    break;
  }
  const unknown = rest.split(/[\s,，、;；]+/).map((w) => w.replace(/^(的|隐患|全部|所有)$/, '')).filter(Boolean);
  return { period: found?.period ?? null, units, level, status, unknown };
}

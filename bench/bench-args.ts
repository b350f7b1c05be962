import type { SyncMode } from '../src/db/database.ts';
import { UserError } from '../src/core/user-error.ts';

const USAGE = '用法：npm run bench -- [台账规模…]，例：npm run bench -- 10000 100000（不写时测 10000 和 100000）';

/** The ledger sizes to measure, from `npm run bench -- 10000 100000`; a word that is not a count is refused. */
export function hazardCounts(argv: readonly string[]): number[] {
  const counts = argv.map((a) => ({ a, n: Number(a.replace(/[,_]/g, '')) }));
  const bad = counts.find(({ n }) => !Number.isInteger(n) || n < 1 || n > 10_000_000);
  if (bad) throw new UserError(`「${bad.a}」不是台账规模（1 到 10000000 之间的整数）。${USAGE}`);
  return counts.length > 0 ? counts.map(({ n }) => n) : [10_000, 100_000];
}

/** HZ_BENCH_SYNC=full or =normal measures one durability setting; unset measures both. */
export function syncModes(value: string | undefined): SyncMode[] {
  if (value === undefined || value === '') return ['full', 'normal'];
  if (value === 'full' || value === 'normal') return [value];
  throw new UserError(`HZ_BENCH_SYNC=${value} 无效：只能是 full 或 normal，不设则两种都测。`);
}

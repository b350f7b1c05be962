import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A library loaded the first time it is used, not at start. ECharts (~40 MB resident) and exceljs
 * (~28 MB) serve a card or a workbook now and then; loaded eagerly, every bot carried them from its
 * first message and went over the 200 MB it is allowed while serving (BENCHMARKS.md).
 */
export function loadOnFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}

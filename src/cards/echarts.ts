import type * as Echarts from 'echarts';
import { loadOnFirstUse } from '../core/load-on-first-use.ts';

/** ECharts for server-side SVG, loaded on the first chart drawn. */
export const echarts = loadOnFirstUse<typeof Echarts>('echarts');

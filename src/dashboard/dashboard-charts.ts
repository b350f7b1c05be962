import type * as Echarts from 'echarts';
import { echarts } from '../cards/echarts.ts';
import type { TrendPoint } from '../domain/card.ts';

/**
 * The trend of open and overdue hazards as an SVG image (ECharts server-side rendering): the
 * page shows it with <img>, so the page itself runs no script at all. Text uses the device's own
 * fonts (every phone has a Chinese one).
 */
export function trendSvg(points: readonly TrendPoint[]): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 340 });
  const text = { fontSize: 18, color: '#5b6675', fontFamily: 'sans-serif' };
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif' },
      legend: { top: 4, right: 10, itemWidth: 30, itemHeight: 12, textStyle: { ...text, color: '#1d2733' }, data: ['未销号', '逾期'] },
      grid: { left: 64, right: 24, top: 48, bottom: 44 },
      xAxis: {
        type: 'category', boundaryGap: false, data: points.map((p) => p.date.slice(5)),
        axisLabel: { ...text, interval: Math.max(0, Math.ceil(points.length / 6) - 1) }, axisTick: { show: false },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: text, splitLine: { lineStyle: { color: '#e6eaf0' } } },
      series: [
        { name: '未销号', type: 'line', showSymbol: false, data: points.map((p) => p.open), lineStyle: { width: 4, color: '#2563c9' }, itemStyle: { color: '#2563c9' }, areaStyle: { color: 'rgba(37,99,201,0.10)' } },
        { name: '逾期', type: 'line', showSymbol: false, data: points.map((p) => p.overdue), lineStyle: { width: 4, color: '#d62f2f' }, itemStyle: { color: '#d62f2f' } },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

import type * as Echarts from 'echarts';
import { echarts } from './echarts.ts';
import type { CardData } from '../domain/card.ts';

/** The card's width: a phone screen at 3× (1080 px), read without zooming. */
export const CARD_WIDTH = 1080;
/** The font family every text asks for; resvg is given its files (card-fonts.ts). */
export const CARD_FONT = 'Noto Sans SC';

const INK = '#1d2733';
const MUTED = '#5b6675';
const RED = '#d62f2f';
const BLUE = '#2563c9';
const BAND = '#173a6b';
const TILE = '#f2f5f9';

const HEADER = 200;
const TILE_H = 210;
const TILES_TOP = HEADER + 36;
const TREND_TOP = TILES_TOP + 2 * TILE_H + 24 + 140;
const TREND_H = 380;
const BARS_TOP = TREND_TOP + TREND_H + 110;
const BAR_ROW = 66;

/** The card's height: the bar chart grows with its rows. */
export function cardHeight(card: Pick<CardData, 'bars'>): number {
  return BARS_TOP + Math.max(1, card.bars.length) * BAR_ROW + 150;
}

const text = (x: number, y: number, value: string, size: number, fill: string, extra: Record<string, unknown> = {}) => ({
  type: 'text', x, y, silent: true,
  style: { text: value, fontSize: size, fill, fontFamily: CARD_FONT, ...extra },
});

/** '12-01' under the trend's axis. */
const dayLabel = (date: string) => date.slice(5);

/**
 * The card's ECharts option: a title band, four tiles, the 30-day trend of open and overdue
 * hazards, and the units with the most overdue items (major part in red). No animation: the
 * server draws one frame.
 */
export function cardOption(card: CardData): Echarts.EChartsCoreOption {
  const height = cardHeight(card);
  const tileW = (CARD_WIDTH - 3 * 40) / 2;
  const tiles = card.figures.slice(0, 4).flatMap((f, i) => {
    const x = 40 + (i % 2) * (tileW + 40);
    const y = TILES_TOP + Math.floor(i / 2) * (TILE_H + 24);
    const red = f.alarm && f.value > 0;
    return [
      { type: 'rect', silent: true, shape: { x, y, width: tileW, height: TILE_H, r: 18 }, style: { fill: TILE } },
      text(x + 32, y + 28, f.label, 36, MUTED),
      text(x + 32, y + 78, String(f.value), 84, red ? RED : INK, { fontWeight: 'bold' }),
      ...(f.major !== undefined ? [text(x + tileW - 32, y + 120, `重大 ${f.major}`, 36, f.major > 0 ? RED : MUTED, { align: 'right', fontWeight: 'bold' })] : []),
    ];
  });
  const bars = [...card.bars].reverse();
  const axisText = { fontSize: 26, color: MUTED, fontFamily: CARD_FONT };
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CARD_FONT },
    graphic: [
      { type: 'rect', silent: true, shape: { x: 0, y: 0, width: CARD_WIDTH, height: HEADER }, style: { fill: BAND } },
      text(40, 40, card.title, 56, '#ffffff', { fontWeight: 'bold' }),
      text(40, 120, card.subtitle, 36, '#c9d6ea'),
      ...tiles,
      text(40, TREND_TOP - 60, `近${card.trend.length}天 未销号与逾期`, 40, INK, { fontWeight: 'bold' }),
      text(40, BARS_TOP - 70, card.barsTitle, 40, INK, { fontWeight: 'bold' }),
      text(CARD_WIDTH - 40, BARS_TOP - 62, '红色为重大隐患', 30, RED, { align: 'right' }),
      ...(card.bars.length === 0 ? [text(40, BARS_TOP + 10, '无', 34, MUTED)] : []),
      text(40, height - 70, card.footnote, 26, MUTED),
    ],
    legend: {
      top: TREND_TOP - 62, right: 40, itemWidth: 36, itemHeight: 14,
      textStyle: { fontSize: 30, color: INK, fontFamily: CARD_FONT },
      data: ['未销号', '逾期'],
    },
    grid: [
      { left: 100, right: 50, top: TREND_TOP, height: TREND_H - 60 },
      { left: 330, right: 110, top: BARS_TOP, height: Math.max(1, card.bars.length) * BAR_ROW },
    ],
    xAxis: [
      {
        gridIndex: 0, type: 'category', boundaryGap: false, data: card.trend.map((p) => dayLabel(p.date)),
        axisLabel: { ...axisText, interval: Math.max(0, Math.ceil(card.trend.length / 5) - 1) },
        axisLine: { lineStyle: { color: '#c4ccd6' } }, axisTick: { show: false },
      },
      { gridIndex: 1, type: 'value', show: false, minInterval: 1 },
    ],
    yAxis: [
      { gridIndex: 0, type: 'value', minInterval: 1, axisLabel: axisText, splitLine: { lineStyle: { color: '#e6eaf0' } } },
      {
        gridIndex: 1, type: 'category', data: bars.map((b) => b.name),
        axisLabel: { ...axisText, fontSize: 30, color: INK, width: 270, overflow: 'truncate' },
        axisLine: { show: false }, axisTick: { show: false },
      },
    ],
    series: [
      {
        name: '未销号', type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: card.trend.map((p) => p.open),
        showSymbol: false, lineStyle: { width: 5, color: BLUE }, itemStyle: { color: BLUE },
        areaStyle: { color: 'rgba(37,99,201,0.10)' },
      },
      {
        name: '逾期', type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: card.trend.map((p) => p.overdue),
        showSymbol: false, lineStyle: { width: 5, color: RED }, itemStyle: { color: RED },
      },
      {
        name: '一般', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, stack: 'bars', barWidth: 40,
        data: bars.map((b) => b.count - b.major), itemStyle: { color: '#f0a04b' },
      },
      {
        name: '重大', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, stack: 'bars', barWidth: 40,
        data: bars.map((b) => b.major), itemStyle: { color: RED },
        // the total at the end of each bar: the number the leader reads
        label: {
          show: true, position: 'right', fontSize: 32, fontWeight: 'bold', color: INK, fontFamily: CARD_FONT,
          formatter: (p: { dataIndex: number }) => String(bars[p.dataIndex]?.count ?? ''),
        },
      },
    ],
  };
}

/** Draws a card as an SVG document (ECharts server-side rendering, no DOM). */
export function renderCardSvg(card: CardData): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: CARD_WIDTH, height: cardHeight(card) });
  try {
    chart.setOption(cardOption(card));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The texts an SVG draws, in document order: what tests compare with the ledger. */
export function svgTexts(svg: string): string[] {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1] ?? ''));
}

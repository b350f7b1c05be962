/**
 * A 问题清单 pasted into the chat as a numbered list, one problem per item:
 *
 *   导入清单 省安委会第三督查组12月1日督查反馈
 *   1. 红星化工 储罐区呼吸阀损坏 责任人张伟 12月15日前
 *   2. 蓝天物流 叉车司机无证驾驶
 *
 * Each item is read on its own by the registration parser (so it is written the way a single
 * registration is), and never borrows another item's owner or deadline: a list is not a form.
 */
import { splitNumberedItems } from './numbered-items.ts';
import { parseRegistration } from './parse-registration.ts';
import type { ListRow } from './problem-list-table.ts';

/** A line that starts a numbered item: `1.`, `2、`, `(3)`, `（4）`, `五、`. */
const ITEM_LINE = /^\s*(?:[（(]?(\d{1,3})[)）.、．]|([一二三四五六七八九十]{1,3})、)\s*/;

export interface PastedList {
  /** the text before the first item (title, inspecting body, date) */
  head: string;
  rows: ListRow[];
}

function itemsOf(text: string): { head: string; items: Array<{ label: string; text: string }> } | null {
  const lines = text.split('\n');
  const starts = lines.map((l, i) => ({ i, m: ITEM_LINE.exec(l) })).filter((x) => x.m);
  if (starts.length >= 2) {
    const first = starts[0]?.i ?? 0;
    const items = starts.map((s, k) => {
      const end = starts[k + 1]?.i ?? lines.length;
      const body = [lines[s.i]?.replace(ITEM_LINE, '') ?? '', ...lines.slice(s.i + 1, end)].join(' ').trim();
      return { label: s.m?.[1] ?? s.m?.[2] ?? String(k + 1), text: body };
    });
    return { head: lines.slice(0, first).join('\n').trim(), items };
  }
  const split = splitNumberedItems(text);
  if (!split || split.items.length < 2) return null;
  return { head: split.head.trim(), items: split.items.map((t, k) => ({ label: String(k + 1), text: t.trim() })) };
}

/** A first word that looks like a body's name: `红兴化工`, `城北加油站`, `某某有限公司`. */
const UNIT_WORD = /^([\p{Script=Han}A-Za-z0-9（）()]{2,24}?(?:公司|化工|物流|工厂|厂|站|学校|小学|中学|幼儿园|医院|工地|项目|镇|街道|园区|市场|酒店|宾馆|超市|商场|矿|村|中心|局|队))[\s:：，,]+(.+)$/u;

/** Reads a pasted numbered list, or null when the text holds fewer than two items. */
export function readPastedList(text: string, context: { now: Date; unitNames: readonly string[] }): PastedList | null {
  const found = itemsOf(text);
  if (!found) return null;
  const rows: ListRow[] = found.items.filter((item) => item.text).map((item, k) => {
    const f = parseRegistration(item.text, context);
    let unit = f.units?.[0] ?? '';
    let description = f.description ?? item.text;
    if (!unit) {
      // a unit the roster does not know is still the item's unit: it is shown back, never dropped
      const m = UNIT_WORD.exec(description);
      if (m?.[1] && m[2]) {
        unit = m[1];
        description = m[2].trim();
      }
    }
    return {
      origin: `第${k + 1}项`,
      label: item.label,
      unit,
      description,
      location: f.location ?? null,
      category: f.category ?? null,
      level: f.level ?? 'general',
      measures: f.measures ?? null,
      owner: f.owner ?? null,
      deadline: f.deadline ?? null,
      deadlineText: f.deadline ? null : f.deadlineText ?? null,
    };
  });
  return { head: found.head, rows };
}

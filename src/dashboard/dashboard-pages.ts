import type { DashboardOverview, DashboardUnit } from './dashboard-data.ts';
import type { OpenByRow } from '../db/dashboard-repository.ts';
import { daysBetween, formatDate, localDate, localTime } from '../domain/calendar.ts';
import type { HazardItem } from '../domain/digest.ts';
import { LEVEL_LABELS, STATUS_LABELS } from '../domain/lifecycle.ts';
import type { HazardEvent, HazardView } from '../domain/types.ts';
import { EVENT_LABELS, zh } from '../i18n/zh-CN.ts';

/** Text as HTML: every name and description typed in a chat goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
const e = escapeHtml;

/**
 * A whole page. Links are relative to the link's own folder (/v/<token>/), so every page and
 * picture stays under the token; no script, no inline style (the CSP forbids both).
 */
function page(title: string, base: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}assets/dashboard.css">
</head><body>
${body}
<footer>隐患清零 · 只读看板。链接只对本人有效，请勿转发。</footer>
</body></html>`;
}

const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');
const stamp = (now: Date) => `${formatDate(localDate(now), now)} ${localTime(now)}`;

function tile(label: string, value: string, testId: string, major?: number, hot = false): string {
  return `<div class="tile" data-figure="${testId}"><div class="label">${e(label)}</div>`
    + `<div class="value${hot ? ' hot' : ''}" data-value>${e(value)}</div>`
    + (major === undefined ? '<div class="major">&nbsp;</div>' : `<div class="major${major > 0 ? ' hot' : ''}">重大 <span data-major>${major}</span></div>`)
    + '</div>';
}

function openTable(rows: readonly OpenByRow[], linkUnits: boolean, testId: string): string {
  if (rows.length === 0) return '<p class="muted">无未销号隐患。</p>';
  const max = Math.max(...rows.map((r) => r.open));
  const body = rows.map((r) => `<tr data-row="${e(r.name)}"><td>${linkUnits ? `<a href="unit/${r.id}">${e(r.name)}</a>` : e(r.name)}<br><meter min="0" max="${max}" value="${r.open}"></meter></td>`
    + `<td class="n" data-open>${r.open}</td><td class="n">${r.major}</td><td class="n${r.overdue > 0 ? ' hot' : ''}" data-overdue>${r.overdue}</td></tr>`).join('');
  return `<table data-table="${testId}"><thead><tr><th></th><th class="n">未销号</th><th class="n">重大</th><th class="n">逾期</th></tr></thead><tbody>${body}</tbody></table>`;
}

function overdueTable(items: readonly HazardItem[], total: number, today: string): string {
  if (total === 0) return '<p class="muted">无逾期隐患。</p>';
  const rows = items.map((h) => `<tr data-code="${e(h.code)}"><td>${e(h.code)} ${h.level === 'major' ? '<span class="tag">重大</span>' : ''}<br><a href="unit/${h.unitId}">${e(h.unitName)}</a>：${e(h.description)}<br><span class="muted">责任人 ${e(h.ownerName)}${h.supervisorName ? ` · ${e(h.supervisorName)}` : ''}</span></td>`
    + `<td class="n hot" data-days>${daysBetween(h.deadline, today)}天</td></tr>`).join('');
  const more = total > items.length ? `<p class="muted">共 ${total} 项，列出前 ${items.length} 项。</p>` : '';
  return `<table data-table="overdue"><thead><tr><th>隐患</th><th class="n">已逾期</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function supervisedTable(items: readonly HazardView[], today: string, now: Date): string {
  if (items.length === 0) return '<p class="muted">无在办督办事项。</p>';
  const rows = items.map((h) => {
    const late = h.deadline < today ? `<span class="tag">逾期${daysBetween(h.deadline, today)}天</span>` : `时限 ${formatDate(h.deadline, now)}`;
    return `<tr data-code="${e(h.code)}"><td>${e(h.code)} ${h.level === 'major' ? '<span class="tag">重大</span>' : ''}<br><a href="unit/${h.unitId}">${e(h.unitName)}</a>：${e(h.description)}`
      + `<br><span class="muted">${h.supervisingLeader ? `督办领导 ${e(h.supervisingLeader)} · ` : ''}${e(STATUS_LABELS[h.status])}${h.status === 'rectifying' ? ` ${h.progress}%` : ''}</span></td><td class="n">${late}</td></tr>`;
  }).join('');
  return `<table data-table="supervised"><tbody>${rows}</tbody></table>`;
}

/** The first page: the viewer's scope at a glance. */
export function overviewPage(o: DashboardOverview, base: string): string {
  const d = o.digest;
  const categories = d.open.byCategory.map((c) => `<tr><td>${e(c.category)}<br><meter min="0" max="${d.open.total}" value="${c.count}"></meter></td><td class="n" data-count>${c.count}</td></tr>`).join('');
  const body = `<header><h1>数据看板 · ${e(o.scope)}</h1><p>${e(o.viewer.name)} · 截至 ${e(stamp(o.now))}</p></header>
<main>
<div class="tiles">
${tile('未销号', String(d.open.total), 'open', d.open.major)}
${tile('逾期', String(d.overdue.total), 'overdue', d.overdue.major, d.overdue.total > 0)}
${tile('今日新增', String(d.created.total), 'created', d.created.major)}
${tile('今日销号', String(d.closed), 'closed')}
${tile('按期整改率（近30天）', pct(o.onTime.onTime, o.onTime.due), 'on-time')}
</div>
<p class="muted">按期整改率：近30天到期的 ${o.onTime.due} 项中，按时限销号 ${o.onTime.onTime} 项。</p>
<div class="columns">
<section><h2>近30天 未销号与逾期</h2><img class="chart" src="charts/trend-30.svg" alt="近30天趋势"></section>
<section><h2>近90天 未销号与逾期</h2><img class="chart" src="charts/trend-90.svg" alt="近90天趋势"></section>
</div>
<div class="columns">
<section><h2>逾期清单（${d.overdue.total}）</h2>${overdueTable(d.overdue.items, d.overdue.total, o.today)}</section>
<section><h2>挂牌督办（${o.supervised.length}）</h2>${supervisedTable(o.supervised, o.today, o.now)}</section>
</div>
${o.enforced.length > 0 ? `<section><h2>停产整顿 · 关闭取缔（${o.enforced.length}）</h2><ul data-table="enforced">${o.enforced.map((u) => `<li><a href="unit/${u.unitId}">${e(u.name)}</a> ${e(zh.enforcement.mark(u.status, o.today))}${u.status.suspension ? ` <span class="muted">${e(zh.enforcement.period(u.status.suspension.from, u.status.suspension.until, o.now))}（${e(u.status.suspension.code)}）</span>` : ''}</li>`).join('')}</ul></section>` : ''}
<div class="columns">
<section><h2>未销号 · 按单位</h2>${openTable(o.byUnit, true, 'by-unit')}</section>
${o.byDepartment ? `<section><h2>未销号 · 按监管部门</h2>${openTable(o.byDepartment, false, 'by-department')}</section>` : ''}
</div>
<section><h2>未销号 · 按类别</h2>${categories ? `<table data-table="by-category"><tbody>${categories}</tbody></table>` : '<p class="muted">无未销号隐患。</p>'}</section>
</main>`;
  return page(`数据看板 · ${o.scope}`, base, body);
}

function history(events: readonly HazardEvent[], now: Date): string {
  return `<ol class="history">${events.map((ev) => {
    const progress = ev.type === 'progress' && typeof ev.data.progress === 'number' ? ` ${ev.data.progress}%` : '';
    const photos = ev.attachments.filter((a) => a.mime.startsWith('image/') && a.mime !== 'image/heic');
    const others = ev.attachments.length - photos.length;
    return `<li>${e(`${formatDate(localDate(ev.at), now)} ${localTime(ev.at)}`)} ${e(ev.actorName ?? '系统')} ${e(EVENT_LABELS[ev.type])}${progress}${ev.text ? `：${e(ev.text)}` : ''}`
      + (photos.length > 0 ? `<div class="photos">${photos.map((a) => `<a href="../evidence/${a.sha256}"><img src="../evidence/${a.sha256}" alt="${e(a.name)}" loading="lazy"></a>`).join('')}</div>` : '')
      + (others > 0 ? ` <span class="muted">〔另有附件 ${others} 个〕</span>` : '')
      + '</li>';
  }).join('')}</ol>`;
}

/** A unit's page: its hazards with their histories and evidence photos. */
export function unitPage(u: DashboardUnit, base: string, now: Date): string {
  const today = localDate(now);
  const items = u.hazards.map(({ hazard: h, events }) => {
    const overdue = h.status !== 'closed' && h.deadline < today;
    return `<div class="hazard" data-code="${e(h.code)}"><h3>${e(h.code)} ${h.level === 'major' ? '<span class="tag">重大</span>' : ''} ${e(h.description)}</h3>
<div class="muted">${e(h.category)} · ${e(LEVEL_LABELS[h.level])} · 责任人 ${e(h.ownerName)} · 时限 ${e(formatDate(h.deadline, now))}${overdue ? ` · <span class="tag">逾期${daysBetween(h.deadline, today)}天</span>` : ''} · ${e(STATUS_LABELS[h.status])}${h.status === 'rectifying' ? ` ${h.progress}%` : ''}${h.supervised ? ' · 挂牌督办' : ''}</div>
${history(events, now)}</div>`;
  }).join('');
  const { status, records } = u.enforcement;
  const enforcement = records.length > 0
    ? `<section><h2>执法记录（${records.length}）</h2><ol class="history" data-table="enforcement">${[...records].reverse().map((r) => `<li>${e(zh.enforcement.line(r, now, records.some((x) => x.correctsId === r.id)))}</li>`).join('')}</ol></section>`
    : '';
  const body = `<header><h1>${e(u.unit.name)}${e(zh.enforcement.mark(status, today))}</h1><p><a href="../">← 返回看板</a></p></header>
<main>${enforcement}${items || '<p class="muted">该单位没有隐患记录。</p>'}</main>`;
  return page(u.unit.name, base, body);
}

/** A clear page in Chinese for a refused or unknown address: never a stack. */
export function noticePage(title: string, text: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${e(title)}</title><link rel="icon" href="data:,"></head>
<body><div class="notice"><h1>${e(title)}</h1><p>${e(text)}</p></div></body></html>`;
}

import { formatDate, localDate, localTime } from '../domain/calendar.ts';
import { SOURCE_LABELS, type HazardSource } from '../domain/hazard-source.ts';
import type { Batch, BatchItem, Campaign, ListProgress } from '../domain/problem-list.ts';
import { STATUS_LABELS } from '../domain/lifecycle.ts';
import { isOverdue } from '../domain/overdue.ts';
import type { HazardView, LocalDate } from '../domain/types.ts';
import type { SheetCut } from '../parse/problem-list-table.ts';
import { ECHO, fitRows, inline } from './fit.ts';

/** Why an item cannot become a hazard yet. */
export type GapText = { kind: 'owner' } | { kind: 'deadline' } | { kind: 'ownerUnknown'; name: string } | { kind: 'ownerOtherUnit'; name: string; unit: string } | { kind: 'deadlineUnreadable'; text: string } | { kind: 'deadlinePast'; date: LocalDate };

export interface PreviewFacts {
  title: string;
  source: HazardSource;
  sourceBody: string | null;
  sourceDate: LocalDate | null;
  campaignName: string | null;
  fileName: string;
  sheetsRead: string[];
  sheetsSkipped: string[];
  /** sheets read only up to the reader's limit */
  cuts: SheetCut[];
  total: number;
  ready: number;
  pending: Array<{ seq: number; unit: string; description: string; origin: string; gaps: GapText[] }>;
  unknownUnits: Array<{ written: string; seqs: number[]; origin: string; close: string[] }>;
}

/** One line of a unit's part of a list, in the announcement to its group. */
export interface AnnouncedItem {
  seq: number;
  code: string | null;
  description: string;
  ownerName: string | null;
  deadline: LocalDate | null;
  level: 'general' | 'major';
}

function gapText(g: GapText, now: Date): string {
  if (g.kind === 'owner') return '缺责任人';
  if (g.kind === 'deadline') return '缺整改时限';
  if (g.kind === 'ownerUnknown') return `责任人「${inline(g.name, ECHO.name)}」不在名册`;
  if (g.kind === 'ownerOtherUnit') return `责任人「${inline(g.name, ECHO.name)}」是${g.unit}的人员（确认由其负责请补全时写明责任人）`;
  if (g.kind === 'deadlineUnreadable') return `时限「${inline(g.text, ECHO.name)}」不是具体日期`;
  return `时限${formatDate(g.date, now)}已过`;
}

function sourceLine(f: Pick<PreviewFacts, 'source' | 'sourceBody' | 'sourceDate' | 'campaignName'>, now: Date): string {
  const details = [f.sourceBody, f.campaignName, f.sourceDate ? formatDate(f.sourceDate, now) : null].filter(Boolean);
  return `${SOURCE_LABELS[f.source]}${details.length > 0 ? `（${details.join('，')}）` : ''}`;
}

/** `共 12 项：已销号 5，逾期 2，待明确 1` */
export function progressWords(p: ListProgress): string {
  const open = p.total - p.closed - p.unassigned;
  return `共 ${p.total} 项｜已销号 ${p.closed}｜整改中 ${open}（逾期 ${p.overdue}）｜待明确 ${p.unassigned}`;
}

/** 待明确 items a digest names before counting the rest. */
const PENDING_SHOWN = 5;

const COMPLETE_EXAMPLE = (code: string, seq: number) => `补全 ${code} 第${seq}项 责任人 张伟 12月20日前`;

export const problemListTexts = {
  problemList: {
    preview(f: PreviewFacts, now: Date): string {
      const head = [
        `【问题清单预览】${inline(f.title, ECHO.medium)}`,
        `来源：${sourceLine(f, now)}｜${f.fileName === '' ? '粘贴的清单' : `文件：${inline(f.fileName, ECHO.name)}`}${f.sheetsRead.length > 1 ? `（工作表：${f.sheetsRead.join('、')}）` : ''}`,
        ...f.sheetsSkipped.map((s) => `工作表「${inline(s, ECHO.name)}」没有找到表头（序号、单位、存在问题……），未读取。`),
        // nothing is dropped silently: what the reader's limit left out is named, with what to do
        ...f.cuts.map((c) => `注意：工作表「${inline(c.sheet, ECHO.name)}」${[
          ...(c.rows > 0 ? [`超过 ${c.maxRows} 行，第 ${c.maxRows} 行以后还有 ${c.rows} 行有内容，没有读取`] : []),
          ...(c.columns > 0 ? [`超过 ${c.maxColumns} 列，第 ${c.maxColumns} 列以后还有 ${c.columns} 列有内容，没有读取`] : []),
        ].join('；')}。请把清单拆成几个文件分别导入（或删去多余的列）后再发。`),
        `共 ${f.total} 项：可直接导入 ${f.ready} 项，待明确 ${f.pending.length} 项${f.unknownUnits.length > 0 ? `，单位未识别 ${f.unknownUnits.reduce((n, u) => n + u.seqs.length, 0)} 项` : ''}。`,
      ];
      const rows = [
        ...(f.pending.length > 0 ? ['待明确（导入后请监管部门补全，不会替你猜）：'] : []),
        ...f.pending.map((p) => `· 第${p.seq}项 ${inline(p.unit, ECHO.name)} ${inline(p.description, ECHO.row)}（${p.origin}）：${p.gaps.map((g) => gapText(g, now)).join('、')}`),
        ...(f.unknownUnits.length > 0 ? ['单位未识别：'] : []),
        ...f.unknownUnits.map((u) => `· 「${inline(u.written, ECHO.name)}」第${u.seqs.join('、')}项（${u.origin}）——${u.close.length > 0 ? `名册中相近：${u.close.join('、')}` : '名册中没有相近的单位'}`),
      ];
      const [firstUnknown] = f.unknownUnits;
      const tail = [
        firstUnknown
          ? `单位写法不同，请回复「确认导入 ${inline(firstUnknown.written, ECHO.name)}=${firstUnknown.close[0] ?? '名册中的单位名'}」；名册里没有的单位，请管理员先加入名册再导入。`
          : `回复「确认导入」导入全部 ${f.total} 项${f.pending.length > 0 ? '（待明确的发给监管部门补全）' : ''}。`,
        '回复「取消导入」放弃，什么都不会登记。',
      ];
      return fitRows(head, rows, (shown) => [...(shown < rows.length ? [`……另有 ${rows.length - shown} 行未列出`] : []), ...tail]);
    },
    notAList: (name: string) =>
      `「${inline(name, ECHO.name)}」里没有找到问题清单的表头。表头一行要有「存在问题」（或 问题、隐患描述）和「单位」（或 责任单位、被检查单位）等列名，例如：序号｜单位｜存在问题｜行业｜整改要求｜责任人｜整改时限。`,
    unreadable: (name: string) => `「${inline(name, ECHO.name)}」打不开，只能读取 .xlsx 格式的 Excel 文件（.xls 请先另存为 .xlsx）。`,
    empty: '清单里没有读到任何问题：表头下面的行都是空的。',
    pasteUsage: '粘贴清单请一项一行、带序号，例：\n导入清单 省安委会第三督查组12月1日督查反馈\n1. 红星化工 储罐区呼吸阀损坏 责任人张伟 12月15日前\n2. 蓝天物流 叉车司机无证驾驶\n也可以直接把 Excel 清单发到群里。',
    noPreview: '没有等待确认的问题清单。先把 Excel 清单发到群里，或发送「导入清单」加带序号的清单。',
    cancelled: (title: string) => `已取消导入「${inline(title, ECHO.medium)}」，什么都没有登记。`,
    stillUnknown: (units: Array<{ written: string; close: string[] }>) =>
      `还有 ${units.length} 个单位未识别，清单没有导入：${units.map((u) => `「${inline(u.written, ECHO.name)}」${u.close.length > 0 ? `（相近：${u.close.join('、')}）` : ''}`).join('、')}。\n请回复「确认导入 写法=名册中的单位名」，例：确认导入 ${inline(units[0]?.written ?? '红兴化工', ECHO.name)}=${units[0]?.close[0] ?? '红星化工'}；名册里没有的单位，请管理员先加入名册再导入。`,
    badMapping: (written: string, target: string) =>
      `「${inline(written, ECHO.name)}=${inline(target, ECHO.name)}」：名册中没有单位「${inline(target, ECHO.name)}」。请写名册中的单位名，例：确认导入 红兴化工=红星化工`,
    imported(code: string, title: string, created: string[], pending: number): string {
      const range = created.length === 0 ? '' : created.length === 1 ? `（${created[0]}）` : `（${created[0]}～${created[created.length - 1]}）`;
      return [
        `已导入问题清单 ${code}「${inline(title, ECHO.medium)}」：登记隐患 ${created.length} 项${range}${pending > 0 ? `，待明确 ${pending} 项已请监管部门补全` : ''}。`,
        '已分别通知各单位群和监管部门。',
        `发送「问题清单 ${code}」查看进度，「整改报告 ${code}」导出整改情况报告。`,
      ].join('\n');
    },
    /** to a unit's group: its part of the list, in one message */
    toUnit(code: string, title: string, unitName: string, items: readonly AnnouncedItem[], now: Date): string {
      const head = [`【问题清单 ${code}】${inline(title, ECHO.medium)}：${unitName} ${items.length} 项，请对照整改，按时报告进度。`];
      const rows = items.map((i, k) => i.code
        ? `${k + 1}. ${i.code}${i.level === 'major' ? '【重大】' : ''} ${inline(i.description, ECHO.row)}｜责任人 ${i.ownerName ?? ''}｜时限 ${formatDate(i.deadline ?? '', now)}`
        : `${k + 1}. 第${i.seq}项 ${inline(i.description, ECHO.row)}｜待明确：监管部门将补全责任人和时限`);
      const first = items.find((i) => i.code)?.code;
      return fitRows(head, rows, (shown) => [
        ...(shown < rows.length ? [`……等 ${rows.length} 项，仅列前 ${shown} 项`] : []),
        ...(first ? [`回复「${first} 进度60% 已做的工作」报告进度，整改完成回复「${first} 整改完成 请验收」。`] : []),
      ]);
    },
    /** to the supervising department: its units' parts, and what it must complete */
    toDepartment(
      code: string, title: string,
      units: ReadonlyArray<{ unitName: string; codes: string[]; pending: Array<{ seq: number; description: string; gaps: GapText[] }> }>,
      now: Date,
    ): string {
      const total = units.reduce((n, u) => n + u.codes.length + u.pending.length, 0);
      const pending = units.reduce((n, u) => n + u.pending.length, 0);
      const head = [`【问题清单 ${code}】${inline(title, ECHO.medium)}：所监管单位共 ${total} 项，已登记 ${total - pending} 项${pending > 0 ? `，待明确 ${pending} 项请补全` : ''}。`];
      const rows = units.flatMap((u) => [
        `· ${u.unitName} ${u.codes.length + u.pending.length} 项${u.codes.length > 0 ? `：${u.codes.join('、')}` : ''}`,
        ...u.pending.map((p) => `  待明确 第${p.seq}项 ${inline(p.description, ECHO.row)}（${p.gaps.map((g) => gapText(g, now)).join('、')}）`),
      ]);
      const firstPending = units.flatMap((u) => u.pending)[0];
      return fitRows(head, rows, (shown) => [
        ...(shown < rows.length ? [`……另有 ${rows.length - shown} 行未列出，发送「问题清单 ${code}」查看`] : []),
        ...(firstPending ? [`补全后即登记为隐患并通知单位，例：${COMPLETE_EXAMPLE(code, firstPending.seq)}`] : []),
      ]);
    },
    /** what a hazard's 登记 event keeps of where it came from */
    auditText: (code: string, seq: number, origin: string) => `导入问题清单 ${code} 第${seq}项（${origin}）`,
    completed: (code: string, seq: number, h: HazardView, now: Date) =>
      `问题清单 ${code} 第${seq}项已补全，登记为 ${h.code}${h.level === 'major' ? '【重大】' : ''}：${h.unitName} ${inline(h.description, ECHO.row)}｜责任人 ${h.ownerName}｜时限 ${formatDate(h.deadline, now)}。\n请责任人按时整改，回复「${h.code} 进度60% 已做的工作」报告进度。`,
    lists(lines: ReadonlyArray<{ batch: Batch; progress: ListProgress }>, now: Date): string {
      if (lines.length === 0) return '还没有导入的问题清单。把 Excel 清单发到群里，或发送「导入清单」加带序号的清单。';
      const rows = lines.map(({ batch, progress }) => `${batch.code ?? ''} ${inline(batch.title, ECHO.row)}｜${sourceLine(batch, now)}\n  ${progressWords(progress)}`);
      return fitRows([`问题清单（${lines.length} 份，截至${formatDate(localDate(now), now)}）：`], rows, (shown) => [
        ...(shown < rows.length ? [`……另有 ${rows.length - shown} 份未列出`] : []),
        `发送「问题清单 ${lines[0]?.batch.code ?? 'QD-0001'}」看各单位进度，「整改报告 ${lines[0]?.batch.code ?? 'QD-0001'}」导出整改情况报告。`,
      ]);
    },
    /** what a digest and the weekly summary add: the lists still being worked on */
    digestLines: (lists: ReadonlyArray<{ batch: Batch; progress: ListProgress }>, total: number) => [
      `问题清单进度（${total} 份未清零）：`,
      ...lists.map(({ batch, progress }) => `${batch.code ?? ''} ${inline(batch.title, ECHO.row)}：共${progress.total} 销号${progress.closed} 逾期${progress.overdue} 待明确${progress.unassigned}`),
      ...(total > lists.length ? [`……另有 ${total - lists.length} 份，发送「问题清单」查看`] : []),
    ],
    /**
     * What a department's digest adds every working day while items of its units stay 待明确
     * after an import: the first notice is not the last word.
     */
    pendingReminder(items: ReadonlyArray<{ batchCode: string; seq: number; unitName: string; description: string; ownerName: string | null; deadline: LocalDate | null }>): string[] {
      if (items.length === 0) return [];
      const shown = items.slice(0, PENDING_SHOWN);
      const first = items[0];
      const lacks = (i: (typeof items)[number]) => [...(i.ownerName ? [] : ['缺责任人']), ...(i.deadline ? [] : ['缺整改时限'])].join('、') || '责任人或时限待核实';
      return [
        `问题清单待明确 ${items.length} 项（导入后仍缺责任人或时限，尚未登记为隐患），请补全：`,
        ...shown.map((i) => `· ${i.batchCode} 第${i.seq}项 ${i.unitName} ${inline(i.description, ECHO.row)}（${lacks(i)}）`),
        ...(items.length > shown.length ? [`……等 ${items.length} 项，发送「问题清单 ${first?.batchCode ?? ''}」查看`] : []),
        `例：${COMPLETE_EXAMPLE(first?.batchCode ?? 'QD-0001', first?.seq ?? 1)}`,
      ];
    },
    notVisible: (code: string) => `问题清单 ${code} 里没有你可以查看的单位。`,
    unitNotInList: (code: string, unit: string) => `问题清单 ${code} 里没有${unit}的问题。`,
    batchByUnit(batch: Batch, total: ListProgress, units: ReadonlyArray<ListProgress & { unitName: string }>, now: Date): string {
      const head = [
        `问题清单 ${batch.code ?? ''} ${inline(batch.title, ECHO.medium)}`,
        `${sourceLine(batch, now)}｜${batch.importedAt ? `${formatDate(localDate(batch.importedAt), now)}导入` : ''}`,
        progressWords(total),
      ];
      const rows = units.map((u) => `· ${u.unitName}：共 ${u.total}｜销号 ${u.closed}｜逾期 ${u.overdue}｜待明确 ${u.unassigned}`);
      return fitRows(head, rows, (shown) => [
        ...(shown < rows.length ? [`……另有 ${rows.length - shown} 个单位未列出`] : []),
        `发送「问题清单 ${batch.code ?? ''} ${units[0]?.unitName ?? '单位名'}」看逐项情况。`,
      ]);
    },
    unitItems(batch: Batch, unit: ListProgress & { unitName: string }, items: ReadonlyArray<{ item: BatchItem; hazard: HazardView | null }>, now: Date): string {
      const head = [`问题清单 ${batch.code ?? ''}｜${unit.unitName}：共 ${unit.total}｜销号 ${unit.closed}｜逾期 ${unit.overdue}｜待明确 ${unit.unassigned}`];
      const rows = items.map(({ item, hazard }) => hazard
        ? `第${item.seq}项 ${hazard.code} ${inline(hazard.description, ECHO.row)}｜${hazard.status === 'closed' ? `已销号 ${formatDate(hazard.closedOn ?? '', now)}` : `${STATUS_LABELS[hazard.status]}${hazard.progress > 0 && hazard.status !== 'pending_review' ? ` ${hazard.progress}%` : ''}｜时限 ${formatDate(hazard.deadline, now)}${isOverdue(hazard, now) ? '（逾期）' : ''}`}`
        : `第${item.seq}项 ${inline(item.description, ECHO.row)}｜待明确（缺责任人或时限）`);
      return fitRows(head, rows, (shown) => (shown < rows.length ? [`……另有 ${rows.length - shown} 项未列出`] : []));
    },
    report: {
      sheetName: '整改情况',
      /** the ledger export's sheet for one list */
      ledgerSheet: (code: string) => `问题清单${code}`,
      title: (title: string) => `${title.replace(/(?:问题)?清单$/, '')}问题整改情况报告`,
      asOf: (batch: Batch, today: LocalDate, count: number, done: number, now: Date) =>
        `${batch.code ?? ''}｜${sourceLine(batch, now)}｜截至${formatDate(today, now).replace(/^(?!\d{4}年)/, `${today.slice(0, 4)}年`)}：共 ${count} 项，已完成 ${done} 项，完成率 ${count > 0 ? Math.round((done / count) * 100) : 0}%`,
      which: (latest: string | null) => `请写明清单编号，例：整改报告 ${latest ?? 'QD-0001'}。发送「问题清单」查看已导入的清单。`,
      sent(batch: Batch, rows: ReadonlyArray<{ state: string }>, total: number, fileName: string, now: Date, photos = 0): string {
        const count = (state: string) => rows.filter((r) => r.state === state).length;
        return [
          `问题清单 ${batch.code ?? ''} 整改情况报告（截至${formatDate(localDate(now), now)}）：${rows.length < total ? `你可查看的 ${rows.length} 项（全清单 ${total} 项）` : `共 ${rows.length} 项`}，已完成 ${count('已完成')}，待验收 ${count('待验收')}，整改中 ${count('整改中') + count('未开始整改')}，逾期未完成 ${count('逾期未完成')}，待明确 ${count('待明确')}。`,
          ...(photos > 0 ? [`附整改照片 ${photos} 张（见「整改照片」表）。`] : []),
          `文件：${fileName}`,
        ].join('\n');
      },
      photos: {
        sheetName: '整改照片',
        columns: ['序号', '问题', '时间', '提交人', '环节', '文件', '照片'] as const,
        when: (at: Date, now: Date) => `${formatDate(localDate(at), now)} ${localTime(at)}`,
        /** why a photo is listed without its picture */
        notEmbedded: (embeddable: boolean) => (embeddable ? '照片文件已不在服务器上' : '此格式无法嵌入表格，请在「查询」或看板中查看'),
        overLimit: (limitBytes: number) => `报告中的照片已达${limitBytes / 1024 / 1024}MB，其余未嵌入，请在「查询」或看板中查看`,
      },
    },
    complete: {
      usage: COMPLETE_EXAMPLE('QD-0001', 2),
      noBatch: (code: string) => `没有问题清单 ${code}。发送「问题清单」查看已导入的清单。`,
      noItem: (code: string, seq: number) => `问题清单 ${code} 没有第${seq}项。`,
      already: (code: string, seq: number, hazardCode: string) => `问题清单 ${code} 第${seq}项已登记为 ${hazardCode}，不需要补全。`,
      notAllowed: (unitName: string) => `只有${unitName}的监管部门或管理员可以补全这一项。`,
      missing: (gaps: GapText[], now: Date) => `还不能登记：${gaps.map((g) => gapText(g, now)).join('、')}。例：${COMPLETE_EXAMPLE('QD-0001', 2)}`,
    },
  },
};

function campaignFacts(c: Campaign, now: Date): string {
  const parts = [
    c.sectors.length > 0 ? `行业：${c.sectors.join('、')}` : null,
    c.leadUnitName ? `牵头：${c.leadUnitName}` : null,
    c.startOn || c.endOn ? `${c.startOn ? formatDate(c.startOn, now) : ''}至${c.endOn ? formatDate(c.endOn, now) : '未定'}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('｜') : '未写行业、牵头单位和期限';
}

export const campaignTexts = {
  campaign: {
    usage: '新建专项整治请写名称，例：专项整治 新建 危化品安全专项整治 行业 危化品 牵头 应急管理局 2027年3月31日',
    notAllowed: '只有管理员、领导和监管部门可以新建专项整治。',
    created: (c: Campaign, now: Date) => `已记录专项整治「${inline(c.name, ECHO.name)}」：${campaignFacts(c, now)}。\n导入清单时标题或说明写上这个名称，清单中的问题即归入该专项整治；发送「专项整治」查看进度。`,
    unknown: (text: string, names: string[]) => `没有名为「${inline(text, ECHO.name)}」的专项整治。${names.length > 0 ? `现有：${names.join('、')}` : '还没有专项整治：发送「专项整治 新建 名称 …」新建。'}`,
    list(lines: ReadonlyArray<{ campaign: Campaign; progress: ListProgress }>, now: Date): string {
      if (lines.length === 0) return '还没有专项整治。发送「专项整治 新建 危化品安全专项整治 行业 危化品 牵头 应急管理局 2027年3月31日」新建。';
      const rows = lines.map(({ campaign, progress }) => `${inline(campaign.name, ECHO.name)}｜${campaignFacts(campaign, now)}${campaign.endOn && campaign.endOn < localDate(now) ? '（已到期）' : ''}\n  ${progressWords(progress)}`);
      return fitRows([`专项整治（${lines.length} 项，截至${formatDate(localDate(now), now)}）：`], rows, (shown) => (shown < rows.length ? [`……另有 ${rows.length - shown} 项未列出`] : []));
    },
  },
};

export { sourceLine };

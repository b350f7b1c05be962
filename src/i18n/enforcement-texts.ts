import { daysBetween, formatDate, localDate, localTime } from '../domain/calendar.ts';
import type { EnforcementSummary } from '../domain/enforcement-summary.ts';
import type { Parity, ParityRow } from '../domain/parity.ts';
import { DECISION_KINDS, ENFORCEMENT_LABELS, suspendedOn, type EnforcementKind, type EnforcementRecord, type UnitEnforcement } from '../domain/enforcement.ts';
import type { LocalDate } from '../domain/types.ts';
import { formatYuan } from '../parse/parse-fine-amount.ts';
import { ECHO, fitRows, inline } from './fit.ts';

/** 〔停产整顿〕 or 〔关闭取缔〕 after a unit's name, on the day shown: nothing before its first day. */
export function enforcementMark(e: UnitEnforcement, today: LocalDate): string {
  if (e.closedOn !== null && e.closedOn <= today) return '〔关闭取缔〕';
  return suspendedOn(e, today) ? '〔停产整顿〕' : '';
}

/** `自12月5日起至12月31日`, `自12月5日起，至验收合格解除`. */
function period(from: LocalDate | null, until: LocalDate | null, now: Date): string {
  return `自${formatDate(from ?? localDate(now), now)}起${until ? `至${formatDate(until, now)}` : '，至验收合格解除'}`;
}

/** What is particular to each kind, in one line (empty for 约谈 and 解除). */
function particulars(r: EnforcementRecord, now: Date): string[] {
  switch (r.kind) {
    case 'order': return r.deadline ? [`整改期限：${formatDate(r.deadline, now)}前`] : [];
    case 'fine': return r.amountYuan !== null ? [`罚款金额：${formatYuan(r.amountYuan)}${r.amountYuan >= 10_000 ? `（${r.amountYuan}元）` : ''}`] : [];
    case 'suspend': return [`停产整顿：${period(r.fromDate, r.untilDate, now)}`];
    case 'close': return [`关闭取缔：自${formatDate(r.fromDate ?? localDate(now), now)}起`];
    case 'transfer': return r.transferTo ? [`移送：${inline(r.transferTo, ECHO.name)}`] : [];
    default: return [];
  }
}

const files = (n: number) => (n > 0 ? `${n}个文件` : '无');

/** The Excel 执法记录 sheet (导出台账): one row per record, corrections and lifts as rows of their own. */
export const enforcementSheetTexts = {
  name: '执法记录',
  title: (count: number) => `执法记录（共 ${count} 条，不可修改；更正、解除另记一条）`,
  columns: ['序号', '编号', '日期', '单位', '决定', '内容', '涉及隐患', '文号', '说明', '记录人', '证据材料（个）', '更正/解除'] as const,
  detail: (r: EnforcementRecord, now: Date) => particulars(r, now).join('；'),
  refers: (r: EnforcementRecord, code: string | null) => (code ? `${r.correctsId !== null ? '更正' : '解除'} ${code}` : ''),
};

/** One record in one line, for lists. */
function recordLine(r: EnforcementRecord, now: Date, corrected: boolean): string {
  const detail = r.kind === 'fine' && r.amountYuan !== null ? formatYuan(r.amountYuan) : particulars(r, now).map((p) => p.replace(/^[^：]+：/, '')).join('');
  return `${r.code} ${formatDate(localDate(r.at), now)} ${ENFORCEMENT_LABELS[r.kind]}${detail ? `（${detail}）` : ''}${r.hazardCodes.length > 0 ? ` ${r.hazardCodes.join('、')}` : ''}`
    + `｜${r.actorName}${r.decisionNo ? `｜${inline(r.decisionNo, ECHO.name)}` : ''}${r.attachments.length > 0 ? `｜附件${r.attachments.length}个` : ''}`
    + `${r.correctsId !== null ? '｜更正记录' : ''}${corrected ? '｜已被更正' : ''}${r.note ? `｜${inline(r.note, ECHO.row)}` : ''}`;
}

export const enforcementTexts = {
  enforcement: {
    labels: ENFORCEMENT_LABELS,
    mark: enforcementMark,
    period,
    line: recordLine,
    /** The reply to a recorded decision; the unit's group hears the same. */
    recorded(r: EnforcementRecord, actorUnit: string | null, evidenceMinutes: number, now: Date): string {
      return [
        `已记录执法 ${r.code}：${r.unitName} ${ENFORCEMENT_LABELS[r.kind]}`,
        ...(r.hazardCodes.length > 0 ? [`涉及隐患：${r.hazardCodes.join('、')}`] : []),
        ...particulars(r, now),
        ...(r.decisionNo ? [`文号：${inline(r.decisionNo, ECHO.name)}`] : []),
        ...(r.note ? [`说明：${inline(r.note, ECHO.long)}`] : []),
        `记录人：${r.actorName}${actorUnit ? `（${actorUnit}）` : ''}｜${formatDate(localDate(r.at), now)} ${localTime(r.at)}`,
        `证据材料：${files(r.attachments.length)}${r.attachments.length === 0 ? `（决定书、现场照片可在${evidenceMinutes}分钟内在本群直接发送，存为本记录的证据）` : ''}`,
        ...(r.kind === 'suspend' ? [`${r.unitName}在隐患查询、每日汇总、台账和看板中标注〔停产整顿〕，直至监管部门发「解除停产 ${r.unitName}」并附复产验收材料。`] : []),
        ...(r.kind === 'close' ? [`${r.unitName}在隐患查询、每日汇总、台账和看板中标注〔关闭取缔〕。`] : []),
        '执法记录不可修改；如有错误，请发「更正执法 编号 正确内容」另记一条更正记录。',
      ].join('\n');
    },
    lifted(lift: EnforcementRecord, suspension: { code: string; from: LocalDate; until: LocalDate | null }, now: Date): string {
      const today = localDate(lift.at);
      return [
        `已记录 ${lift.code}：${lift.unitName} 解除停产（${suspension.code} 停产整顿${period(suspension.from, suspension.until, now)}，实际${Math.max(0, daysBetween(suspension.from, today))}天）`,
        `验收材料：${files(lift.attachments.length)}`,
        ...(lift.note ? [`验收意见：${inline(lift.note, ECHO.long)}`] : []),
        `记录人：${lift.actorName}｜${formatDate(today, now)} ${localTime(lift.at)}`,
        `${lift.unitName}不再标注〔停产整顿〕，停产整顿和解除记录留档。`,
      ].join('\n');
    },
    evidenceStored: (r: EnforcementRecord, added: number, total: number) =>
      `已存为执法记录 ${r.code}（${r.unitName} ${ENFORCEMENT_LABELS[r.kind]}）的证据：${added}个文件，共${total}个。`,
    list(unit: string, status: UnitEnforcement, records: readonly EnforcementRecord[], now: Date): string {
      const today = localDate(now);
      const corrected = new Set(records.flatMap((r) => (r.correctsId === null ? [] : [r.correctsId])));
      const state = status.closedOn !== null && status.closedOn <= today ? `关闭取缔（${formatDate(status.closedOn, now)}起）`
        : status.suspension ? `${suspendedOn(status, today) ? '停产整顿中' : '将停产整顿'}（${status.suspension.code}，${period(status.suspension.from, status.suspension.until, now)}${status.suspension.until && status.suspension.until < today ? '，整顿期限已过，尚未解除' : ''}）`
        : '无停产整顿';
      if (records.length === 0) return `${unit}执法记录：暂无。`;
      return fitRows(
        [`${unit}执法记录（共 ${records.length} 条）｜当前：${state}`],
        [...records].reverse().map((r, i) => `${i + 1}. ${recordLine(r, now, corrected.has(r.id))}`),
        (shown) => (shown < records.length ? [`……较早的 ${records.length - shown} 条从略`] : []),
      );
    },
    /** who may record, and how */
    notSupervisor: (unit: string, supervisor: string | null) =>
      `执法记录只能由${unit}的监管部门${supervisor ? `（${supervisor}）` : ''}或管理员登记，本次未记录。`,
    unitMissing: (usage: string) => `请写明被执法的单位（名册中的名称），或写隐患编号。本次未记录。\n例：${usage}`,
    unitUnknown: (name: string, usage: string) => `单位「${inline(name, ECHO.name)}」不在名册中，本次未记录。请写名册中的单位名称。\n例：${usage}`,
    hazardUnknown: (code: string) => `没有找到隐患 ${code}，本次未记录。请核对编号（例：YH-0012）。`,
    hazardOtherUnit: (code: string, hazardUnit: string, unit: string) =>
      `${code} 是${hazardUnit}的隐患，不属于${unit}，本次未记录。一条执法记录只针对一个单位，请分开发送。`,
    hazardsSeveralUnits: (units: readonly string[]) => `所写隐患分属${units.join('、')}，本次未记录。一条执法记录只针对一个单位，请写明单位并分开发送。`,
    orderDeadlineMissing: (usage: string) => `责令限期整改须写明整改期限，本次未记录。\n例：${usage}`,
    /** how a hazard's history names a correction: `更正执法 ZF-0002（更正 ZF-0001）` */
    correctionEventHead: (code: string, corrected: string) => `更正执法 ${code}（更正 ${corrected}）`,
    /** what a hazard's history says of an order (`about`: `责令限期整改 ZF-0001`, or its correction) that set its time limit */
    orderEventText: (about: string, to: LocalDate, from: LocalDate, now: Date) => `${about}：整改时限改为${formatDate(to, now)}（原${formatDate(from, now)}）`,
    /** …of a correction that no longer names the hazard, so gives its time limit back */
    orderRestoredEventText: (about: string, to: LocalDate, from: LocalDate, now: Date) =>
      `${about}：不再涉及本隐患，整改时限恢复为${formatDate(to, now)}（原${formatDate(from, now)}）`,
    /** the reply's lines for the hazards whose time limit an order (or its correction) set or gave back */
    deadlinesOrdered: (changes: ReadonlyArray<{ hazard: { code: string }; from: LocalDate; to: LocalDate; restored: boolean }>, corrected: boolean, now: Date): string[] => {
      const set = changes.filter((c) => !c.restored);
      const back = changes.filter((c) => c.restored);
      return [
        ...(set.length === 0 ? [] : [`整改时限已按${corrected ? '更正' : '责令限期'}改为${formatDate(set[0]?.to ?? '', now)}：${set.map((c) => `${c.hazard.code}（原${formatDate(c.from, now)}）`).join('、')}，请按新时限整改。`]),
        ...(back.length === 0 ? [] : [`${back.map((c) => `${c.hazard.code} 不再属于责令限期整改，整改时限恢复为${formatDate(c.to, now)}`).join('；')}。`]),
      ];
    },
    orderDeadlinePast: (date: LocalDate, now: Date) => `整改期限 ${formatDate(date, now)} 已过，本次未记录。请写今后的日期，例：限期12月20日前`,
    fine: {
      missing: (usage: string) => `罚款须写明金额（元或万元），本次未记录。\n例：${usage}`,
      no_unit: (text: string, usage: string) => `罚款金额「${inline(text, ECHO.name)}」没有写单位，不能确定是元还是万元，本次未记录。请写成「${text}元」或「${text}万元」。\n例：${usage}`,
      several: (text: string) => `写了几个不同的金额（${inline(text, ECHO.medium)}），本次未记录。一条记录只记一笔罚款：对单位和对个人的罚款请分开发送，每条写一个金额。`,
      fraction: (text: string) => `罚款金额「${inline(text, ECHO.name)}」不是整数元，本次未记录。请核对决定书，写到元，例：罚款 3.5万元 或 罚款 35000元`,
      unreadable: (text: string) => `没看懂罚款金额「${inline(text, ECHO.name)}」，本次未记录。请用数字写，例：罚款 12000元 或 罚款 1.2万元`,
      zero: '罚款金额不能为零，本次未记录。',
      negative: (text: string) => `罚款金额「${inline(text, ECHO.name)}」不能是负数，本次未记录。请照决定书写金额，例：罚款 3万元`,
      too_large: (text: string) => `罚款金额「${inline(text, ECHO.name)}」超过10亿元，本次未记录。请核对金额和单位（元、万元）。`,
    },
    suspendUnreadable: (text: string, usage: string) => `没看懂停产整顿的期间「${inline(text, ECHO.name)}」，本次未记录。\n例：${usage}`,
    suspendUntilBeforeFrom: (text: string) => `停产整顿的结束日早于开始日（${inline(text, ECHO.name)}），本次未记录。请核对日期，例：12月5日至12月31日`,
    alreadySuspended: (unit: string, code: string, now: Date, from: LocalDate) =>
      `${unit}已在停产整顿中（${code}，${formatDate(from, now)}起），本次未重复记录。如需改期限，请发「更正执法 ${code} 停产整顿 至…」。`,
    alreadyClosed: (unit: string, on: LocalDate, now: Date) => `${unit}已于${formatDate(on, now)}关闭取缔，本次未记录。`,
    transferTargetMissing: (usage: string) => `移送须写明移送给谁（如县公安局、县纪委监委），本次未记录。\n例：${usage}`,
    liftNotSuspended: (unit: string) => `${unit}目前没有停产整顿，无需解除。`,
    liftEvidenceMissing: (unit: string) =>
      `解除停产须附复产验收材料（验收照片、验收意见书等），本次未解除，${unit}仍标注〔停产整顿〕。\n请把照片或文件和「解除停产 ${unit} 验收意见：…」在同一条消息里发送（微信可先发照片，再在10分钟内发这句话）。`,
    correctionUnknown: (code: string) => `没有找到执法记录 ${code}，请核对编号（例：ZF-0003）。`,
    correctionUsage: (usage: string) => `请写明要更正的执法记录编号和正确的内容，本次未记录。\n例：${usage}`,
    correctionKindMismatch: (code: string, kind: EnforcementKind) =>
      `${code} 是「${ENFORCEMENT_LABELS[kind]}」记录，更正时请写「更正执法 ${code} ${ENFORCEMENT_LABELS[kind]} 正确内容」；要记另一种决定，请直接发那条命令。`,
    correctionOfLift: '解除停产记录不能更正；如解除有误，请重新记录停产整顿。',
    alreadyCorrected: (code: string, by: string) => `${code} 已被 ${by} 更正，请更正 ${by}。`,
    correctedNote: (code: string) => `（更正 ${code}，原记录留档）`,
    notVisible: '只能查看本单位或所监管单位的执法记录。',
    /** Whether a period saw any enforcement record (the briefing leaves the section out otherwise). */
    hasAny: (s: EnforcementSummary) => Object.values(s.byKind).some((n) => n > 0),
    /** The briefing's 执法情况: counts by kind, fines summed, suspensions and whether lifted. */
    briefing(s: EnforcementSummary): string {
      const k = s.byKind;
      const decisions = DECISION_KINDS.reduce((n, kind) => n + k[kind], 0);
      const parts = [
        ...(k.order > 0 ? [`责令限期整改 ${k.order} 项`] : []),
        ...(k.interview > 0 ? [`约谈 ${k.interview} 次`] : []),
        ...(k.fine > 0 ? [`罚款 ${k.fine} 项共 ${formatYuan(s.fineYuan)}`] : []),
        ...(k.suspend > 0 ? [`停产整顿 ${k.suspend} 家（${s.suspended.map((x) => `${x.unitName}${x.lifted ? '，已解除' : '，未解除'}`).join('；')}）`] : []),
        ...(k.close > 0 ? [`关闭取缔 ${k.close} 家`] : []),
        ...(k.transfer > 0 ? [`移送 ${k.transfer} 件`] : []),
      ];
      return [
        `本期记录执法决定 ${decisions} 项${parts.length > 0 ? `：${parts.join('、')}` : ''}${s.units.length > 0 ? `；涉及 ${s.units.join('、')}` : ''}。`,
        ...(k.lift > 0 ? [`解除停产 ${k.lift} 家（均附复产验收材料）。`] : []),
      ].join('');
    },
    /** The briefing's 政府投资项目与企业对照, two lines with the same figures. */
    parity(p: Parity, pct: (r: number | null) => string): string[] {
      const line = (label: string, r: ParityRow) =>
        `${label}：登记隐患 ${r.found} 项，销号 ${r.closed} 项，按期整改率 ${pct(r.onTimeRate)}（${r.onTime}/${r.due}），当前逾期 ${r.overdue} 项。`;
      return [
        line(`政府投资项目 ${p.government.units} 个`, p.government),
        line(`企业 ${p.enterprise.units} 家`, p.enterprise),
        `（政府投资项目：${p.projectNames.join('、')}；与企业同一规则、同一时限。）`,
      ];
    },
    /** A digest's line naming the units under 停产整顿 or 关闭取缔 in its scope; empty when none. */
    digestLines(units: ReadonlyArray<{ name: string; status: UnitEnforcement }>, now: Date): string[] {
      const today = localDate(now);
      const closed = units.filter((u) => enforcementMark(u.status, today) === '〔关闭取缔〕');
      const suspended = units.filter((u) => enforcementMark(u.status, today) === '〔停产整顿〕');
      return [
        ...(suspended.length > 0 ? [`停产整顿中 ${suspended.length} 家：${suspended.map((u) => `${u.name}（${u.status.suspension ? period(u.status.suspension.from, u.status.suspension.until, now) : ''}）`).join('、')}`] : []),
        ...(closed.length > 0 ? [`关闭取缔 ${closed.length} 家：${closed.map((u) => u.name).join('、')}`] : []),
      ];
    },
  },
};

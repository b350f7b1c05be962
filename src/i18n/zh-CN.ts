import { PRAISE_MIN_RECTIFICATION, deservesPraise, type AssessmentRules, type Ranked } from '../domain/assessment.ts';
import { clearingRate, type BriefingFacts, type RankedUnit } from '../domain/briefing.ts';
import { atLocal, daysBetween, formatDate, localDate, localTime } from '../domain/calendar.ts';
import { creditFlags, inForce, standingOf, type CreditEntry, type CreditFlags } from '../domain/credit.ts';
import { LEVEL_LABELS, STATUS_LABELS, type Refused, type TransitionRefusal } from '../domain/lifecycle.ts';
import { daysLeft, daysOverdue, isOverdue } from '../domain/overdue.ts';
import { setsDeadline } from '../domain/order-deadline.ts';
import type { Period } from '../domain/period.ts';
import type { PermissionRefusal } from '../domain/permissions.ts';
import { PLAN_PARTS, missingPlanParts, planRequired, type PlanPart } from '../domain/plan.ts';
import type { HazardEvent, HazardView, LocalDate, Platform } from '../domain/types.ts';
import { SOURCE_LABELS } from '../domain/hazard-source.ts';
import { cardTexts } from './card-texts.ts';
import { enforcementMark, enforcementTexts } from './enforcement-texts.ts';
import { campaignTexts, problemListTexts } from './problem-list-texts.ts';
import { chainTexts } from './chain-texts.ts';
import { chain as itemChain, scheduleTexts, state as itemState } from './schedule-texts.ts';
import type { HazardItem } from '../domain/digest.ts';
import type { RuntimeStatus } from '../core/runtime-status.ts';
import type { EscalationPolicy } from '../domain/escalation.ts';
import { MORNING_LIST_LIMIT, type MorningLine, type MorningSectionKind } from '../domain/morning-message.ts';
import type { WatchEvidence, WatchRule } from '../domain/watch-rules.ts';
import { ECHO, fitRows, inline, LONG_REPLY_BYTES, TEXT_LIMIT_BYTES } from './fit.ts';

// Every user-written field (descriptions, reasons, notes, names typed in chat, group names) goes
// through `inline` before it is shown: one line, no forged @所有人, cut to a sane length. Roster
// names come from the admin and are shown as they are. Long replies are fitted to a long reply's
// length (LONG_REPLY_BYTES, sent in numbered parts) with `fitRows`, saying what was left out.

/** `【通报】…` → `【通报】`; `考核排名·责任单位（2026年…）` → `考核排名·责任单位`. */
function continuedTitle(firstLine: string): string {
  const tag = /^【[^】]{1,16}】/.exec(firstLine.trim())?.[0];
  if (tag) return tag;
  const start = firstLine.trim().split(/[（(：:｜|，,。]/)[0] ?? '';
  return Array.from(start).slice(0, 20).join('');
}

/** `督查反馈（省安委会第三督查组，11月28日）`, `专项整治（危化品安全专项整治）`, `企业自查`: where a hazard came from. */
function sourceText(h: Pick<HazardView, 'source' | 'sourceBody' | 'sourceDate'>, campaignName: string | null, now: Date): string {
  const details = [
    h.sourceBody ? inline(h.sourceBody, ECHO.name) : null,
    campaignName ? inline(campaignName, ECHO.name) : null,
    h.sourceDate ? formatDate(h.sourceDate, now) : null,
  ].filter(Boolean);
  return `${SOURCE_LABELS[h.source]}${details.length > 0 ? `（${details.join('，')}）` : ''}`;
}

/** Where a hazard came from as 查询 shows it: the source, and the list item it was imported as. */
export interface HazardOrigin {
  campaignName: string | null;
  listItem: { batchCode: string | null; seq: number } | null;
}

/** `（责令限期整改 ZF-0001）` when the time limit in force is the one an enforcement order set. */
function orderOf(h: Pick<HazardView, 'deadline'>, events: readonly HazardEvent[]): string {
  // the last event that set the time limit: an order, an approved extension or a rebound; a
  // correction that gave the time limit back leaves no order in force
  const latest = events.findLast(setsDeadline);
  return latest?.type === 'enforcement' && latest.data.deadline === h.deadline && latest.data.restored !== true ? `（责令限期整改 ${String(latest.data.enforcement ?? '')}）` : '';
}

/** The hazard facts a one-line summary shows. */
type HazardLine = Pick<HazardView, 'code' | 'level' | 'unitName' | 'description' | 'ownerName' | 'deadline' | 'status' | 'progress' | 'supervised' | 'unitCredit' | 'unitEnforcement'>;

/** The six plan parts, in the regulation's words (short form for chat). */
const PLAN_LABELS: Record<PlanPart, string> = {
  goals: '目标任务',
  methods: '方法措施',
  funds: '资金物资',
  organization: '机构人员',
  timeline: '时限要求',
  safety: '安全措施和应急预案',
};
const PLAN_EXAMPLE = '目标任务：… 方法措施：… 资金物资：… 机构人员：… 时限要求：… 应急预案：…';
const partList = (parts: readonly PlanPart[]) => parts.map((p) => PLAN_LABELS[p]).join('、');

/** 〔失信〕〔重点关注〕 after a unit's name, on the day shown. */
function creditMark(flags: CreditFlags): string {
  return `${flags.formal ? '〔失信〕' : ''}${flags.watch ? '〔重点关注〕' : ''}`;
}
/** A unit's name with what stands against it on the day shown: 〔失信〕〔重点关注〕〔停产整顿〕. */
const unitLabel = (h: Pick<HazardView, 'unitName' | 'unitCredit' | 'unitEnforcement'>, now: Date) =>
  `${h.unitName}${creditMark(creditFlags(h.unitCredit, localDate(now)))}${enforcementMark(h.unitEnforcement, localDate(now))}`;

/** The code as every reply leads with it: a listed item carries 【督办】 wherever it is named. */
const tag = (h: Pick<HazardView, 'code' | 'supervised'>) => `${h.code}${h.supervised ? '【督办】' : ''}`;

/** 75%, 66.7%, — when there is nothing to divide by. */
function pct(r: number | null): string {
  return r === null ? '—' : `${Math.round(r * 1000) / 10}%`;
}
const days1 = (n: number | null) => (n === null ? '—' : `${Math.round(n * 10) / 10}天`);

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB`;
}
const FILE_KIND: Record<string, string> = { 'image/jpeg': '照片', 'image/png': '图片', 'image/gif': '图片', 'image/webp': '图片', 'image/heic': '照片', 'application/pdf': 'PDF', 'video/mp4': '视频' };

const EVIDENCE_SHOWN = 5;

function evidenceLines(events: readonly HazardEvent[], now: Date): string[] {
  const files = events.flatMap((e) => e.attachments.map((a) => ({ e, a })));
  if (files.length === 0) return [];
  // the latest few: a detail must fit one message however much evidence piles up
  const shown = files.slice(-EVIDENCE_SHOWN);
  const first = files.length - shown.length;
  return [
    `证据材料（${files.length}个${first > 0 ? `，列最近${shown.length}个` : ''}）：`,
    ...shown.map(({ e, a }, i) =>
      `  ${first + i + 1}. ${formatDate(localDate(e.at), now)} ${e.actorName ?? '系统'}（${EVENT_LABELS[e.type]}）${inline(a.name, ECHO.name)}｜${FILE_KIND[a.mime] ?? '文件'} ${fileSize(a.size)}｜${a.path}`),
  ];
}

function planLines(h: HazardView): string[] {
  const written = PLAN_PARTS.filter((p) => h.plan[p]?.trim());
  if (!planRequired(h) && written.length === 0) return [];
  const missing = missingPlanParts(h.plan);
  return [
    `治理方案：${planRequired(h) ? `${written.length}/6 项${missing.length > 0 ? `，缺${partList(missing)}` : '，已齐全'}` : `${written.length} 项`}`,
    ...written.map((p) => `  ${PLAN_LABELS[p]}：${inline(h.plan[p] ?? '', ECHO.medium)}`),
  ];
}

function deadlineNote(h: Pick<HazardView, 'deadline' | 'status'>, now: Date): string {
  if (h.status === 'closed') return '';
  if (isOverdue(h, now)) return `（已逾期${daysOverdue(h, now)}天）`;
  const left = daysLeft(h.deadline, now);
  return left === 0 ? '（今天到期）' : `（剩${left}天）`;
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八'];
const WEEKDAYS = ['（周日）', '（周一）', '（周二）', '（周三）', '（周四）', '（周五）', '（周六）'];
const weekdayOf = (date: LocalDate) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** What a morning line flags about a hazard besides its text. */
interface ItemFlags {
  major: boolean;
  supervised: boolean;
}
const itemFlags = (f: ItemFlags) => `${f.major ? '【重大】' : ''}${f.supervised ? '【督办】' : ''}`;

/** Numbered lines, the notes other sections added after each, cut to the list limit with the rest counted. */
function morningLines(lines: readonly MorningLine[]): string[] {
  const shown = lines.slice(0, MORNING_LIST_LIMIT).map((l, i) => `${i + 1}. ${[l.text, ...l.notes].join('｜')}`);
  return lines.length > shown.length ? [...shown, `……等 ${lines.length} 项，仅列前 ${shown.length} 项`] : shown;
}

/** One hazard in one line, the shape every list uses; a report of a past period counts days to its end (`countedTo`). */
function hazardLine(h: HazardLine, now: Date, countedTo: Date = now): string {
  const flags = `${h.level === 'major' ? '【重大】' : ''}${h.supervised ? '【督办】' : ''}`;
  const state = h.status === 'rectifying' ? `${STATUS_LABELS[h.status]}${h.progress}%` : STATUS_LABELS[h.status];
  return `${h.code} ${flags}${unitLabel(h, now)}：${inline(h.description, ECHO.row)}｜责任人 ${h.ownerName}｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, countedTo)}｜${state}`;
}

export const EVENT_LABELS: Record<HazardEvent['type'], string> = {
  created: '登记',
  progress: '进度',
  submitted: '整改完成，申请验收',
  accepted: '验收通过，销号',
  rejected: '验收驳回',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_denied: '不予延期',
  reassigned: '变更责任人',
  supervised: '挂牌督办',
  unsupervised: '撤销督办',
  plan_updated: '更新治理方案',
  evidence: '补充整改证据',
  reinspection_passed: '复查通过',
  rebound: '复查发现反弹',
  urged: '催办',
  enforcement: '执法',
};

function eventLine(e: HazardEvent, now: Date): string {
  const time = `${formatDate(localDate(e.at), now)} ${localTime(e.at)}`;
  const extra = e.type === 'progress' && typeof e.data.progress === 'number' ? ` ${e.data.progress}%` : '';
  const files = e.attachments.length > 0 ? ` 〔附件${e.attachments.length}个〕` : '';
  const text = inline(e.text, ECHO.medium);
  return `  ${time} ${e.actorName ?? '系统'} ${EVENT_LABELS[e.type]}${extra}${text ? `：${text}` : ''}${files}`;
}

/** The platforms as users call them. */
const PLATFORM_NAMES: Record<Platform, string> = { console: '控制台', wechaty: '微信', dingtalk: '钉钉', wecom: '企业微信' };

export const zh = {
  hazard: {
    line: hazardLine,
    statusLabel: STATUS_LABELS,
    levelLabel: LEVEL_LABELS,
    /** The whole record; the history keeps its latest entries when it does not all fit. */
    detail(h: HazardView, events: readonly HazardEvent[], now: Date, origin: HazardOrigin = { campaignName: null, listItem: null }): string {
      const head = [
        `${h.code} ${h.level === 'major' ? '【重大隐患】' : '【一般隐患】'}${h.supervised ? '【挂牌督办】' : ''}`,
        ...(h.supervised ? [`督办领导：${inline(h.supervisingLeader ?? '（未指定）', ECHO.name)}`] : []),
        `单位：${unitLabel(h, now)}`,
        `隐患：${inline(h.description, ECHO.long)}`,
        ...(h.location ? [`位置：${inline(h.location, ECHO.name)}`] : []),
        `类别：${h.category}`,
        `来源：${sourceText(h, origin.campaignName, now)}${origin.listItem ? `｜问题清单 ${origin.listItem.batchCode ?? ''} 第${origin.listItem.seq}项` : ''}`,
        `责任人：${h.ownerName}`,
        ...(h.measures ? [`措施：${inline(h.measures, ECHO.medium)}`] : []),
        `时限：${formatDate(h.deadline, now)}${orderOf(h, events)}${deadlineNote(h, now)}${h.deadline !== h.originalDeadline ? `（原定${formatDate(h.originalDeadline, now)}）` : ''}`,
        ...(h.extensionTo ? [`延期申请：至${formatDate(h.extensionTo, now)}，待审批`] : []),
        `状态：${STATUS_LABELS[h.status]}${h.status === 'closed' ? '' : `，进度${h.progress}%`}`,
        `登记人：${h.reporterName}`,
        ...planLines(h),
        ...evidenceLines(events, now),
        '处理记录：',
      ];
      const omitted = (shown: number) => (shown < events.length ? [`  ……较早的 ${events.length - shown} 条记录从略（共 ${events.length} 条）`] : []);
      // one message: the whole record is 责任链's
      return fitRows(head, events.map((e) => eventLine(e, now)), omitted, { keep: 'last', limit: TEXT_LIMIT_BYTES });
    },
  },
  list: {
    empty: (title: string) => `${title}：暂无。`,
    /** As many rows as fit one message, most urgent first, and how many more there are. */
    render(title: string, items: readonly HazardLine[], total: number, now: Date): string {
      const rows = items.map((h, i) => `${i + 1}. ${hazardLine(h, now)}`);
      const more = (shown: number) => (total > shown ? [`……等 ${total} 项，仅列前 ${shown} 项`] : []);
      return fitRows([`${title}（共 ${total} 项）`], rows, more);
    },
    mine: '我的隐患',
    group: (name: string) => `本群隐患·${inline(name, ECHO.name)}`,
    overdue: '逾期隐患',
  },
  register: {
    created(h: HazardView, now: Date): string {
      return [
        `已登记 ${h.code}${h.level === 'major' ? '【重大隐患】' : ''}`,
        `单位：${unitLabel(h, now)}｜类别：${h.category}`,
        `隐患：${inline(h.description, ECHO.long)}`,
        `责任人：${h.ownerName}｜整改时限：${formatDate(h.deadline, now)}${deadlineNote(h, now)}`,
        ...(h.measures ? [`措施：${inline(h.measures, ECHO.long)}`] : []),
        ...(h.sourceBody || h.sourceDate ? [`来源：${sourceText(h, null, now)}`] : []),
        `请责任人按时整改，回复「${h.code} 进度60% 已做的工作」报告进度。`,
        ...(planRequired(h) ? [`重大隐患须报治理方案六项（${partList(PLAN_PARTS)}），回复「${h.code} 治理方案 ${PLAN_EXAMPLE}」，可分几次发。`] : []),
      ].join('\n');
    },
    /** several hazards of one numbered list, in one reply */
    createdMany(hazards: readonly HazardView[], now: Date): string {
      const [first, second] = hazards;
      return fitRows(
        [`已登记 ${hazards.length} 项隐患（${first ? unitLabel(first, now) : ''}）：`],
        hazards.map((h) => `${h.code}${h.level === 'major' ? '【重大】' : ''} ${inline(h.description, ECHO.row)}｜责任人 ${h.ownerName}｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, now)}`),
        (shown) => [
          ...(shown < hazards.length ? [`……等 ${hazards.length} 项，仅列前 ${shown} 项`] : []),
          `请责任人按时整改，回复「${first?.code ?? 'YH-0012'} 进度60% 已做的工作」报告进度；几项一起可写「${first?.code ?? 'YH-0012'}、${second?.code ?? 'YH-0013'} 进度60%」。`,
          ...(hazards.some(planRequired) ? [`重大隐患须报治理方案六项（${partList(PLAN_PARTS)}），回复「编号 治理方案 ${PLAN_EXAMPLE}」。`] : []),
        ],
      );
    },
    confirmList: (unit: string, items: ReadonlyArray<{ description: string; owner: string; deadline: string }>) =>
      [
        `这条消息列了 ${items.length} 项隐患，将为${unit}登记 ${items.length} 条：`,
        ...items.map((it, i) => `${i + 1}. ${inline(it.description, ECHO.row)}｜责任人 ${it.owner}｜时限 ${it.deadline}`),
        `回复「确认」登记这 ${items.length} 条；某项不对请回复「取消」，改好后重新发送。`,
      ].join('\n'),
    ask: {
      unit: '请补充隐患所在单位（名册中的单位名称），例：单位：红星化工',
      unitUnknown: (name: string) => `单位「${inline(name, ECHO.name)}」不在名册中，请写名册中的单位名称，例：单位：红星化工`,
      unitMisspelt: (written: string, names: readonly string[]) =>
        `名册中没有单位「${inline(written, ECHO.name)}」，您是指：${names.join('、')}？请回复正确的单位名称${names.length === 1 ? '（或回复「是」）' : ''}`,
      unitAmbiguous: (names: readonly string[]) => `单位不明确：${names.join('、')}，请回复其中一个单位名称`,
      owner: '请补充整改责任人，例：责任人 @张伟',
      ownerUnknown: (name: string) => `责任人「${inline(name, ECHO.name)}」不在名册中，请 @ 名册中的人员，或联系管理员添加`,
      ownerWhich: (names: readonly string[], written = false) => `${written ? '责任人写了' : '您@了'}${names.slice(0, 5).map((n) => inline(n, ECHO.name)).join('、')}${names.length > 5 ? `等${names.length}位` : ''}，整改责任人只登记一位，请回复其中一位的名字，例：${inline(names[0] ?? '', ECHO.name)}`,
      ownerOtherUnit: (name: string, ownerUnit: string, unit: string) =>
        `责任人「${inline(name, ECHO.name)}」是${ownerUnit}的人员，不属于${unit}。仍由${inline(name, ECHO.name)}负责请回复「确认」；否则请写${unit}的责任人，例：责任人 @姓名`,
      ownerAmbiguous: (name: string, units: readonly string[]) => `名册中有多位「${name}」（${units.join('、')}），请写明单位，例：责任人 红星化工 ${name}`,
      deadline: '请补充整改时限，例：12月15日前、3天内、本月底',
      deadlineUnreadable: (text: string) => `没看懂整改时限「${inline(text, ECHO.name)}」，请写成：12月15日前、3天内、本月底`,
      levelUnreadable: (text: string) => `隐患等级只有「重大」和「一般」两种，没看懂「${inline(text, ECHO.name)}」，请回复 重大 或 一般`,
      deadlinePast: (date: string) => `整改时限 ${date} 已过，请重新给出时限，例：12月15日前`,
      deadlineTooFar: (date: string, years: number) => `整改时限 ${date} 超过${years}年，请核对日期，例：12月15日前`,
      deadlineFarAhead: (date: string, months: number) => `整改时限 ${date} 在${months}个月以后，确认无误请回复「确认」，或重新给出时限，例：12月15日前`,
      description: '请补充隐患描述，例：隐患：储罐区呼吸阀损坏',
      footer: (minutes: number) => `（${minutes}分钟内直接回复即可，回复「取消」放弃本次登记）`,
    },
    tooLong: (field: string, length: number, max: number) =>
      `${field}有 ${length} 字，超过 ${max} 字的上限，本次未登记。请精简后重新登记；详细材料可作为附件随进度发送。`,
    /** how an answer to an ask-back shows in the audit trail, after the original message */
    answered: (answer: string) => `（补充：${answer}）`,
    fieldLabel: { unit: '单位', description: '隐患描述', owner: '整改责任人', deadline: '整改时限', level: '隐患等级' } as Record<string, string>,
    waitingDraft: (about: string, missing: readonly string[]) => `您还有一条待补充的登记：「${inline(about, ECHO.row)}」，还缺${missing.join('、')}。`,
    answerOrCancel: '直接回复补全，或回复「取消」放弃。',
    stillWaiting: (waiting: string) => `${waiting}先补完还是放弃？补完请直接回复所缺内容，放弃请回复「取消」。刚发的这条登记还缺内容，没有记录，请在上一条处理完后重新发送。`,
    ownerOtherUnitNoted: (name: string, unit: string) => `（责任人 ${name} 属于${unit}，已按您的确认登记。）`,
    expired: (about: string, minutes: number) =>
      `上一条登记${about ? `「${inline(about, ECHO.row)}」` : ''}超过${minutes}分钟没有补全，已作废，没有记录。请把整条登记重新发一次，单位、隐患、责任人、时限写在一条里，例：登记隐患 红星化工 配电室门口堆放杂物 责任人 张伟 12月15日前`,
    cancelled: '已取消本次登记。',
    /** 取消 of a "which hazard?" question: the report or decision it was about */
    cancelledReport: '已取消，刚才那条消息没有记录。',
    nothingToCancel: '当前没有待补全的登记。',
    contactOwnUnitOnly: '企业联系人只能登记本单位的隐患。',
  },
  progress: {
    recorded: (h: HazardView, percent: number, now: Date) =>
      `已记录 ${tag(h)} 进度 ${percent}%（${STATUS_LABELS[h.status]}）｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, now)}`,
    /** a report handled after a newer one (the platform delivered it late): kept on record, the newer stands */
    superseded: (h: HazardView, percent: number, sentAt: Date, now: Date) =>
      `已记录 ${tag(h)} ${formatDate(localDate(sentAt), now)} ${localTime(sentAt)} 的进度 ${percent}%（消息送达较晚）。此后已报进度 ${h.progress}%${h.progressAt ? `（${formatDate(localDate(h.progressAt), now)} ${localTime(h.progressAt)}）` : ''}，当前进度以较新的为准｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, now)}`,
    unread: (words: string) => `没看懂进度「${inline(words, ECHO.name)}」，请写 0–100 之间的百分比，例：YH-0012 进度60% 已更换阀门`,
    outOfRange: (n: number) => `进度「${n}%」超出范围，请写 0–100 之间的百分比，例：YH-0012 进度60% 已更换阀门`,
    hint100: (code: string) => `如已整改完毕，请回复「${code} 整改完成 请验收」。`,
    empty: '请写明进度百分比或已做的工作，例：YH-0012 进度60% 已更换阀门',
  },
  submit: {
    done: (h: HazardView, reviewers: string) => `${tag(h)} 已提交验收，请${reviewers}验收：回复「${h.code} 验收通过」或「${h.code} 驳回 原因」。`,
    noEvidenceYet: '重大隐患，尚无整改证据，验收前须补齐',
    /** said when it is submitted, not when the department tries to accept it */
    evidenceMissing: (h: HazardView) =>
      `注意：${h.code} 为重大隐患，验收须有至少一份整改证据（照片或文件），目前还没有。请30分钟内在群里直接发整改后的照片，或发「${h.code} 整改完成」时附上照片。`,
  },
  review: {
    accepted: (h: HazardView) => `${tag(h)} 验收通过，已销号。${h.unitName}：${inline(h.description, ECHO.medium)}`,
    rejected: (h: HazardView, reason: string) =>
      `${tag(h)} 验收驳回：${inline(reason, ECHO.medium)}。状态回到整改中（进度${h.progress}%），请责任人 ${h.ownerName} 继续整改后重新提交。`,
    reasonMissing: '驳回需写明原因，例：YH-0012 驳回 呼吸阀型号不符',
  },
  extension: {
    requested: (h: HazardView, reviewers: string, now: Date) =>
      `${tag(h)} 申请延期至 ${formatDate(h.extensionTo ?? h.deadline, now)}（原因：${inline(h.extensionReason ?? '', ECHO.medium)}），原时限 ${formatDate(h.deadline, now)}。请${reviewers}审批：回复「${h.code} 批准延期」或「${h.code} 不予延期 原因」。`,
    approved: (h: HazardView, now: Date) => `${tag(h)} 延期已批准，新时限 ${formatDate(h.deadline, now)}（原定时限 ${formatDate(h.originalDeadline, now)} 留档）。`
      // a request decided after the day it asked for: approved as asked, but said, since it stays overdue
      + (h.deadline < localDate(now) ? `注意：新时限已过，此隐患仍按逾期计；如需更晚的日期，请企业重新申请延期。` : ''),
    denied: (h: HazardView, reason: string, now: Date) => `${tag(h)} 不予延期${reason ? `：${inline(reason, ECHO.medium)}` : ''}。仍须在 ${formatDate(h.deadline, now)} 前整改完毕。`,
    dateMissing: '请写明延期到哪一天，例：YH-0012 申请延期到12月30日 原因：配件未到货',
    dateUnreadable: (text: string) => `没看懂「${inline(text, ECHO.name)}」这个延期日期，请写成：YH-0012 申请延期到12月30日 原因：配件未到货，或 YH-0012 延期15天 原因：…`,
    reasonMissing: '延期须写明原因，例：YH-0012 申请延期到12月30日 原因：配件未到货',
    datePast: (date: string, today: string) => `延期日期 ${date} 已过（今天是 ${today}），请给出今后的日期，例：YH-0012 申请延期到12月30日 原因：配件未到货`,
    farAhead: (date: string, months: number) => `注意：延期日期 ${date} 在${months}个月以后，审批前请核对。`,
    dateTooFar: (date: LocalDate, years: number) => `延期日期 ${date} 超过${years}年，请核对日期。`,
  },
  refusal: {
    closed: (code: string) => `${code} 已销号，不能再操作。如隐患反弹，请重新登记。`,
    awaiting_review: (code: string) => `${code} 已提交验收，正在等待验收结果。`,
    not_awaiting_review: (code: string) => `${code} 还没有提交验收，不能验收或驳回。`,
    extension_not_later: (code: string, r: Refused, now: Date) => {
      const [to, deadline] = [formatDate(r.to ?? '', now), formatDate(r.deadline ?? '', now)];
      return `延期日期 ${to} 不晚于 ${code} 的现有时限 ${deadline}，请写 ${deadline} 以后的日期，例：${code} 申请延期到12月30日 原因：配件未到货`;
    },
    extension_pending: (code: string) => `${code} 已有一份延期申请待审批，请等待审批结果。`,
    no_extension_pending: (code: string) => `${code} 没有待审批的延期申请。`,
    plan_incomplete: (code: string, r: Refused) =>
      `${code} 为重大隐患，治理方案还缺 ${partList(r.missing ?? [])}，补齐后才能提交验收。请回复「${code} 治理方案 ${PLAN_LABELS[r.missing?.[0] ?? 'goals']}：…」。`,
    evidence_missing: (code: string) =>
      `${code} 为重大隐患，验收须有至少一份整改证据（照片或文件）。请责任单位汇报时附上照片，或汇报后30分钟内在群里直接发照片；验收人也可在「${code} 验收通过」时附照片。`,
    already_supervised: (code: string) => `${code} 已在挂牌督办中。`,
    not_supervised: (code: string) => `${code} 没有挂牌督办，无需撤销。`,
    not_closed: (code: string) => `${code} 尚未销号，复查只针对已销号的隐患。`,
    no_reinspection_due: (code: string, r: Refused) =>
      r.nextDueOn ? `${code} 的下一次复查在 ${r.nextDueOn}，还没到期。` : `${code} 没有待复查的安排（未抽中滚动检查或已复查完毕）。`,
    deadline_past: (code: string) => `${code} 重新整改的时限已过，请给出今后的日期，例：限期7天。`,
    no_files: (code: string) => `没有收到 ${code} 的附件。`,
    sent_before_latest: (code: string, r: Refused, now: Date) => {
      const when = (d: Date | undefined) => (d ? `${formatDate(localDate(d), now)} ${localTime(d)}` : '');
      const what = r.action === 'accept' ? '验收通过' : r.action === 'reject' ? '驳回' : '整改完成';
      const again = r.action === 'submit' ? `如已整改完毕，请重新回复「${code} 整改完成 请验收」。` : `现待验收的是 ${when(r.latestAt)} 提交的整改完成，请重新验收：回复「${code} 验收通过」或「${code} 驳回 原因」。`;
      return `${code} 的「${what}」发于 ${when(r.sentAt)}，送达较晚：此后 ${when(r.latestAt)} 已有更新的记录，本条未生效。${again}`;
    },
  } satisfies Record<TransitionRefusal, (code: string, refusal: Refused, now: Date) => string>,
  permission: {
    not_own_unit: '只有本单位的联系人或整改责任人可以操作这条隐患。',
    not_supervisor: '只有该单位的监管部门或管理员可以验收、驳回、审批延期和复查。',
    not_leader: '只有县领导或管理员可以挂牌督办和撤销督办。',
    admin_only: '只有管理员可以进行设置。',
    not_visible: '您无权查看这条隐患（只能查看本单位或所监管单位的隐患）。',
    role_cannot_register: '您的角色不能登记隐患。',
    cannot_urge: '只有县领导、该单位的监管部门或管理员可以催办。',
    roleNotAllowed: (command: string, roles: readonly string[]) => `「${command}」只有${roles.join('、')}可以使用。`,
  } satisfies Record<PermissionRefusal, string> & Record<string, unknown>,
  common: {
    unknownSender: (name: string) => `${inline(name, ECHO.name)}，您还不在名册中，暂时不能使用隐患清零。请联系管理员添加。`,
    codeMissing: (usage: string) => `请写明隐患编号。用法：${usage}`,
    /** 挂牌督办 naming someone not in the roster as its leader */
    leaderUnknown: (name: string) => `督办领导「${inline(name, ECHO.name)}」不在名册中，没有列入督办。请写名册中的人员，例：YH-0012 挂牌督办 督办领导：刘县长；不写督办领导也可以。`,
    notInList: (answer: string, offered: readonly string[]) => `列表中没有「${inline(answer, ECHO.name)}」，请回复其中一项的编号：${offered.join('、')}（或回复「取消」）`,
    whichHazard: (open: readonly HazardView[], now: Date) =>
      [
        `这条说的是哪一项？您有 ${open.length} 项未销号：`,
        ...open.map((h) => `${h.code} ${inline(h.description, ECHO.row)}｜时限 ${formatDate(h.deadline, now)}｜${h.status === 'rectifying' ? `整改中${h.progress}%` : STATUS_LABELS[h.status]}`),
        `回复编号即可，例：${open[0]?.code ?? 'YH-0012'}`,
      ].join('\n'),
    notFound: (code: string) => `没有找到隐患 ${code}，请核对编号（例：YH-0012）。`,
    usage: (problem: string, usage: string) => `${problem}\n用法：${usage}`,
    tooLong: (length: number, max: number) => `这条消息有 ${length} 字，超过 ${max} 字的上限，没有处理。请分成几条发送；问题清单可以发 Excel 文件导入。`,
    groupOnly: '这条命令请在群里使用。',
    fileRejected: (name: string, reason: string) => `附件「${inline(name, ECHO.name)}」未保存：${reason}。`,
    /** the codes of one message are acted on one by one and answered in one reply */
    eachCode: (count: number) => `本条消息共 ${count} 个编号，逐项处理如下：`,
    severalCodesApart: (codes: readonly string[], usage: string) =>
      `这条消息写了 ${codes.join('、')} ${codes.length} 个编号，没有处理。多个编号请连写在最前面，例：YH-0008、YH-0012 验收通过；或每条消息写一个编号，例：${usage}`,
    severalCodesNotHere: (command: string, codes: readonly string[], usage: string) =>
      `「${command}」一条消息只能写一个编号，这条写了 ${codes.join('、')}，没有处理。请分开发送，例：${usage}`,
    notUnderstood: (command: string, example: string) => `没看懂这条消息。您是要「${command}」吗？例：${example}\n发「帮助」看常用写法。`,
    draftExpired: (minutes: number) => `上一次的追问超过${minutes}分钟没有回答，已作废。请把要办的事整条重新发一次；发「帮助」看常用写法。`,
    notUnderstoodAtAll: '没看懂这条消息。发「帮助」看常用写法，例：YH-0012 进度60% 已更换阀门',
    internalError: '处理这条消息时出错了，记录未受影响，请稍后再试；如一直出错请联系管理员。',
  },
  help: {
    title: '隐患清零 · 命令一览',
    everydayTitle: '隐患清零 · 常用写法（照着改了发）',
    severalCodes: (example: string) => `一条消息可写多个编号：${example}`,
    question: '红星化工还有几个隐患没整改？（也可问：待验收、重大隐患、这周快到期的）',
    majorHazard: '重大隐患：先报治理方案六项，验收前须有整改照片或文件',
    everydayFooter: '「帮助 进度」看一条命令的写法，「帮助 全部」看所有命令',
    footer: '日期可写：12月15日前、3天内、下周五前、本月底。编号写 YH-0012 即可。',
    footerShort: '发「帮助 命令名」看一条命令的写法，例：帮助 进度。日期可写：12月15日前、3天内、本月底。',
    more: (n: number) => `……另有 ${n} 类命令从略`,
  },
  config: {
    groupBound: (group: string, unit: string) => `已将本群「${inline(group, ECHO.name)}」绑定到单位「${unit}」。`,
    leadersGroup: (group: string) => `已将本群「${inline(group, ECHO.name)}」设为领导群，汇总与升级提醒将发到这里。`,
    departmentGroup: (group: string, unit: string) => `已将本群「${inline(group, ECHO.name)}」设为「${unit}」的监管部门群。`,
    personAdded: (name: string, unit: string, role: string) => `已添加 ${name}（${unit}，${role}）。`,
    personUpdated: (name: string, unit: string, role: string) => `已更新 ${name}（${unit}，${role}）。`,
    roleSet: (name: string, role: string) => `已将 ${name} 的角色设为 ${role}。`,
    lastAdmin: (name: string) => `${name} 是名册中唯一的管理员，不能改为其他角色。请先把另一位设为管理员，例：设置角色 王建国 管理员`,
    unitUnknown: (name: string) => `单位「${inline(name, ECHO.name)}」不在名册中。`,
    personUnknown: (name: string) => `「${inline(name, ECHO.name)}」不在名册中。`,
    personAmbiguous: (name: string) => `名册中有多位「${name}」，请写明单位。`,
    roleUnknown: (word: string, usage: string) => `角色「${inline(word, ECHO.name)}」无效，可选：管理员、领导、监管部门、联系人。\n用法：${usage}`,
    nameInvalid: (max: number) => `姓名须是 1–${max} 个字，不能含 @、<、> 或空白。`,
  },
  /** 重新加载名册: the running bot re-reads its roster file */
  roster: {
    reloaded: (file: string, s: { units: number; people: number; groups: number; leaders: number | null; changed: number }) => {
      const counted = `${s.units} 个单位、${s.people} 人、${s.groups} 个群${s.leaders !== null ? `、${s.leaders} 行领导分工` : ''}`;
      return s.changed === 0
        ? `已重新读取名册 ${file}：${counted}，与台账一致，没有变化。`
        : `已重新加载名册 ${file}：${counted}（新增或变更 ${s.changed} 条）。名册只新增或更新，不删除已有的人员、单位和群${s.leaders !== null ? '；领导分工按名册整体替换' : ''}。`;
    },
    notConfigured: '没有配置名册文件：请在 .env 里设置 HZ_ROSTER=名册文件 并重启机器人；之后改了名册，发「重新加载名册」即可生效。',
    missing: (file: string) => `找不到名册文件 ${file}：请检查 HZ_ROSTER 的设置和文件是否还在。台账未改动。`,
    idHeldByAnother: (index: number, name: string, unit: string | null, field: string, id: string, holder: string, holderUnit: string | null) =>
      `people[${index}]：「${name}」${unit ? `（${unit}）` : ''}的 ${field} 账号「${inline(id, ECHO.name)}」已绑定「${holder}」${holderUnit ? `（${holderUnit}）` : ''}，一个账号只能属于一个人。如是笔误请改正；如确是${name}的账号，请在名册中给${holder}写上其本人的 ${field} 账号后再导入。`,
    refused: (file: string, problems: readonly string[]) =>
      fitRows([`名册 ${file} 有误，没有导入（台账未改动）。请改正后再发「重新加载名册」：`], problems, (shown) => (shown < problems.length ? [`……等 ${problems.length} 处，仅列前 ${shown} 处`] : [])),
  },
  supervision: {
    listed: (h: HazardView, now: Date) =>
      `${h.code}【挂牌督办】已列入挂牌督办${h.supervisingLeader ? `，督办领导：${h.supervisingLeader}` : ''}。\n${unitLabel(h, now)}：${inline(h.description, ECHO.medium)}｜责任人 ${h.ownerName}｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, now)}\n列入次日和此后每周一在「今日提醒」中提醒责任人和监管部门（到期、逾期时随每日提醒），直至验收销号；销号情况报领导群。`,
    unlisted: (h: HazardView, reason: string) => `${h.code} 已撤销挂牌督办${reason ? `（${reason}）` : ''}，记录留档。`,
    acceptedToLeaders: (h: HazardView, reviewer: string, now: Date) =>
      `【督办销号】${h.code} ${unitLabel(h, now)}：${inline(h.description, ECHO.medium)}，已于${formatDate(h.closedOn ?? localDate(now), now)}由${reviewer}验收销号${h.supervisingLeader ? `（督办领导：${h.supervisingLeader}）` : ''}。`,
  },
  question: {
    which: { open: '未销号隐患', pending_review: '待验收隐患', overdue: '逾期隐患' } as const,
    title: (units: readonly string[], major: boolean, which: string) =>
      `${units.length > 0 ? `${units.join('、')}·` : ''}${major ? `重大${which.replace(/隐患$/, '')}隐患` : which.endsWith('隐患') ? which : `${which}的隐患`}`,
    notVisible: (units: readonly string[]) => `本群看不到${units.join('、')}的隐患（只能查看本单位或所监管单位的隐患）。`,
  },
  urge: {
    /** what the unit's group reads */
    pushed: (h: HazardView, by: string, note: string, now: Date) =>
      `【催办】${by}催办 ${tag(h)} ${unitLabel(h, now)}：${inline(h.description, ECHO.medium)}｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, now)}｜${h.status === 'rectifying' ? `整改中${h.progress}%` : STATUS_LABELS[h.status]}${note ? `\n${inline(note, ECHO.medium)}` : ''}\n请责任人 ${h.ownerName} 抓紧整改，回复「${h.code} 进度60% 已做的工作」报告进度。`,
    done: (h: HazardView, where: readonly string[]) => `已催办 ${tag(h)}：已在${where.join('、')}提醒责任人 ${h.ownerName}。`,
    pushedToReviewer: (h: HazardView, by: string, reviewer: string, note: string, now: Date) =>
      `【催办】${by}催办 ${tag(h)} ${unitLabel(h, now)}：${inline(h.description, ECHO.medium)}｜已提交验收${note ? `\n${inline(note, ECHO.medium)}` : ''}\n请${reviewer}尽快验收：回复「${h.code} 验收通过」或「${h.code} 驳回 原因」。`,
    doneToReviewer: (h: HazardView, where: readonly string[]) => `已催办 ${tag(h)}：该隐患已提交验收，已在${where.join('、')}提醒验收。`,
  },
  plan: {
    labels: PLAN_LABELS,
    recorded(h: HazardView, parts: readonly PlanPart[], missing: readonly PlanPart[]): string {
      const head = `已记录 ${tag(h)} 治理方案：${partList(parts)}。`;
      if (!planRequired(h)) return head;
      if (missing.length === 0) return `${head}\n治理方案六项已齐全，整改完毕后可提交验收。`;
      return `${head}\n尚缺 ${missing.length} 项：${partList(missing)}。请继续补充，例：「${h.code} 治理方案 ${PLAN_LABELS[missing[0] ?? 'goals']}：…」`;
    },
    status(h: HazardView): string {
      const lines = planLines(h);
      return lines.length > 0 ? [`${tag(h)} ${lines[0]}`, ...lines.slice(1)].join('\n') : `${tag(h)} 尚未报送治理方案。`;
    },
    nothingRead: (code: string) =>
      `没有读到方案内容，请按项写「项目：内容」，例：${code} 治理方案 资金物资：预算12万元，已采购 应急预案：已编制并演练。\n六项为：${partList(PLAN_PARTS)}。`,
  },
  morning: {
    leaderNote: (leader: string) => `督办领导 ${leader}`,
    mainLeaderNote: (leader: string) => `报主要领导 ${leader}`,
    planNote: (missing: readonly PlanPart[]) => `治理方案缺：${partList(missing)}`,
    overdueOwn: (h: HazardItem, f: ItemFlags, today: LocalDate, now: Date) =>
      `${h.code} ${itemFlags(f)}${inline(h.description, ECHO.row)}｜责任人 ${h.ownerName}｜时限 ${formatDate(h.deadline, now)}，已逾期${daysBetween(h.deadline, today)}天｜${itemState(h)}`,
    overdueChain: (h: HazardItem, f: ItemFlags, today: LocalDate, leaderInCharge: string | null) =>
      `${h.code} ${itemFlags(f)}${h.unitName}：${inline(h.description, ECHO.row)}｜逾期${daysBetween(h.deadline, today)}天｜${itemState(h)}｜责任链：${itemChain(h, leaderInCharge)}`,
    due(h: HazardItem, f: ItemFlags, today: LocalDate, now: Date, actedRecently: boolean): string {
      const left = daysBetween(today, h.deadline);
      const when = left === 0 ? '今天到期' : `${formatDate(h.deadline, now)}到期（剩${left}天）`;
      return `${h.code} ${itemFlags(f)}${inline(h.description, ECHO.row)}｜责任人 ${h.ownerName}｜${when}｜${itemState(h)}${actedRecently ? '｜近24小时已报进度' : ''}`;
    },
    supervised: (h: HazardView, now: Date) => hazardLine(h, now),
    plan: (h: HazardView, now: Date) => `${tag(h)} ${unitLabel(h, now)}：${inline(h.description, ECHO.row)}｜责任人 ${h.ownerName}`,
    reinspection: (h: HazardView, round: number, closedOn: LocalDate, reviewer: string, now: Date) =>
      `${tag(h)} ${unitLabel(h, now)}：${inline(h.description, ECHO.row)}｜${formatDate(closedOn, now)}验收销号，已满${round}天｜请${reviewer}复查：回复「${h.code} 复查通过」或「${h.code} 复查发现反弹 情况 限期7天」`,
    headings: {
      overdue: (n: number) => `逾期 ${n} 项（本单位）：`,
      escalatedDepartment: (n: number, p: EscalationPolicy) => `所监管单位逾期 ${n} 项（逾期超过${p.departmentAfterDays}天，重大隐患逾期即报）：`,
      escalatedLeaders: (n: number, p: EscalationPolicy) => `升级到县领导 ${n} 项（逾期超过${p.leadersAfterDays}天首次上报，之后每周一汇总）：`,
      due: (n: number) => `即将到期 ${n} 项：`,
      supervised: (n: number) => `挂牌督办 ${n} 项（列入次日和每周一提醒，直至销号）：`,
      plan: (n: number) => `重大隐患治理方案未齐 ${n} 项（每周一提醒）：`,
      reinspection: (n: number) => `滚动检查 ${n} 项：`,
    } satisfies Record<MorningSectionKind, (n: number, p: EscalationPolicy) => string>,
    footers: {
      overdue: '请立即整改；确需延期请回复「编号 申请延期到X月X日 原因：…」。',
      escalatedDepartment: '请督促责任单位整改，已提交的请及时验收。',
      escalatedLeaders: '请督导相关部门和单位限期整改。',
      due: '整改完毕请回复「编号 整改完成 请验收」；确需延期请回复「编号 申请延期到X月X日 原因：…」。',
      supervised: '请责任单位加快整改、按时报告进度，监管部门跟踪督促。',
      plan: `请回复「编号 治理方案 ${PLAN_LABELS.goals}：…」补充；方案不齐的重大隐患不能提交验收。`,
      reinspection: null,
    } satisfies Record<MorningSectionKind, string | null>,
    /** The one routine morning message of a group: a title, then each section with its own count and request. */
    render(sections: ReadonlyArray<{ kind: MorningSectionKind; lines: readonly MorningLine[] }>, today: LocalDate, now: Date, policy: EscalationPolicy): string {
      const body = sections.flatMap(({ kind, lines }, s) => [
        `${CHINESE_ORDINALS[s] ?? s + 1}、${zh.morning.headings[kind](lines.length, policy)}`,
        ...morningLines(lines),
        ...(zh.morning.footers[kind] ? [zh.morning.footers[kind]] : []),
      ]);
      return [`【今日提醒】${formatDate(today, now)}${WEEKDAYS[weekdayOf(today)]}`, ...body].join('\n');
    },
    /** On a weekend or holiday: only a major hazard's first overdue day, at once. */
    urgent(sections: ReadonlyArray<{ kind: MorningSectionKind; lines: readonly MorningLine[] }>): string {
      // the request is the one of the group's own step: the unit fixes, the department urges, the leaders direct
      const footer = zh.morning.footers[sections[0]?.kind ?? 'escalatedLeaders'] ?? zh.morning.footers.escalatedLeaders;
      return ['【重大隐患逾期】以下重大隐患今日起逾期，节假日照常提醒：', ...morningLines(sections.flatMap((s) => s.lines)), footer].join('\n');
    },
  },
  evidence: {
    stored: (h: HazardView, files: number, total: number) => `已将 ${files} 个附件存为 ${tag(h)} 的整改证据（该隐患现有证据 ${total} 个，「查询 ${h.code}」可查看）。`,
    /** why a file was not kept: its size against the limit, and what to send instead */
    tooLarge: (bytes: number, limit: number) =>
      // rounded up: a file just over the limit must not read as equal to it
      `文件大小${Math.ceil(bytes / 1024 / 102.4) / 10}MB，超过单个附件${limit / 1024 / 1024}MB的上限：照片发送时不要勾选“原图”，视频请截短或压缩，文档请拆分后分别发送`,
    notAllowed: '文件类型不支持（可发图片、PDF、Word、Excel、MP4）',
  },
  reinspection: {
    scheduled: (dueOns: readonly LocalDate[], now: Date) => `已抽中滚动检查：将于${dueOns.map((d) => formatDate(d, now)).join('、')}复查是否反弹。`,
    passed: (h: HazardView, rounds: readonly number[]) => `${tag(h)} ${rounds.map((r) => `${r}天`).join('、')}复查通过，未发现反弹，记录留档。`,
    rebound: (h: HazardView, reason: string, now: Date) =>
      `${tag(h)} 复查发现反弹：${reason}。已重新打开，请责任人 ${h.ownerName} 在 ${formatDate(h.deadline, now)} 前重新整改（原定时限 ${formatDate(h.originalDeadline, now)} 留档）。`,
    deadlineMissing: '请写明重新整改的时限，例：YH-0012 复查发现反弹 阀门再次泄漏 限期7天',
    reasonMissing: '请写明反弹情况，例：YH-0012 复查发现反弹 阀门再次泄漏 限期7天',
  },
  credit: {
    formalAdded: (e: CreditEntry, now: Date) =>
      `已登记严重失信主体名单：${e.unitName}（${e.decisionNo}，${e.authority}，${formatDate(e.decidedOn ?? '', now)}决定），期限至${formatDate(e.expiresOn ?? '', now)}${e.removedOn ? `，提前移出日${formatDate(e.removedOn, now)}` : ''}。\n该单位在隐患清单、考核排名和台账中标注〔失信〕，期满自动解除。`,
    formalMissing: (missing: readonly string[]) =>
      `缺少${missing.join('、')}。严重失信主体名单由有权机关依法认定，这里只登记其决定。\n例：列入黑名单 红星化工 文号：应急罚〔2026〕12号 机关：县应急管理局 日期：2026-11-20`,
    dateUnreadable: (text: string) => `没看懂决定日期「${text}」，请写成 2026-11-20 或 2026年11月20日。`,
    dateFuture: '决定日期不能晚于今天。',
    formalRemoved: (unit: string, date: LocalDate, now: Date) => `已登记 ${unit} 提前移出严重失信主体名单，移出日${formatDate(date, now)}，记录留档。`,
    notListed: (unit: string) => `${unit} 目前不在严重失信主体名单中。`,
    formalEnded: (e: CreditEntry, on: LocalDate, early: boolean, now: Date) =>
      `【信用名单】${e.unitName} ${early ? '提前移出' : '期满移出'}严重失信主体名单（${e.decisionNo}，${e.authority}，${formatDate(e.decidedOn ?? on, now)}决定），自${formatDate(on, now)}起不再标注〔失信〕。`,
    formalList(entries: readonly CreditEntry[], now: Date): string {
      const today = localDate(now);
      const live = entries.filter((e) => inForce(standingOf(e), today));
      const ended = entries.filter((e) => !inForce(standingOf(e), today) && (e.decidedOn ?? '') <= today);
      const line = (e: CreditEntry, i: number) =>
        `${i + 1}. ${e.unitName}｜${e.decisionNo ?? '—'}｜${e.authority ?? '—'}｜${formatDate(e.decidedOn ?? today, now)}至${formatDate(e.removedOn && e.removedOn < (e.expiresOn ?? '9') ? e.removedOn : (e.expiresOn ?? today), now)}${e.reason ? `｜${e.reason}` : ''}`;
      return [
        `严重失信主体名单（在列 ${live.length} 家）`,
        ...(live.length > 0 ? live.map(line) : ['  暂无。']),
        ...(ended.length > 0 ? ['已期满或移出：', ...ended.map(line)] : []),
      ].join('\n');
    },
    ruleText(rule: WatchRule | null, rules: { majorOverdueDays: number; overdueCount: number; enforcementCount?: number }): string {
      if (rule === 'enforcement_count') return `一年内受到执法决定${rules.enforcementCount ?? ''}次及以上`;
      if (rule === 'suspension') return '被责令停产整顿或关闭取缔';
      if (rule === 'major_overdue') return `重大隐患逾期超过${rules.majorOverdueDays}天`;
      if (rule === 'overdue_count') return `逾期隐患达${rules.overdueCount}项及以上`;
      if (rule === 'rebound') return '滚动检查发现隐患反弹';
      return '管理员列入';
    },
    evidenceLine: (e: WatchEvidence, now: Date) => e.kind ? `${e.code}${e.on ? ` ${formatDate(e.on, now)}` : ''} ${e.kind}` :
      `${e.code}${e.level === 'major' ? '【重大】' : ''}${e.daysOverdue !== undefined ? ` 逾期${e.daysOverdue}天` : ''}${e.on ? ` ${formatDate(e.on, now)}复查发现反弹${e.note ? `：${e.note}` : ''}` : ''}`,
    proposal(unit: string, reason: string, evidence: readonly WatchEvidence[], now: Date): string {
      return [
        `【重点关注·待确认】${unit}：${reason}`,
        `依据：${[...new Set(evidence.map((e) => zh.credit.evidenceLine(e, now)))].join('；')}`,
        `请管理员回复「确认重点关注 ${unit}」或「不予关注 ${unit} 原因」。`,
      ].join('\n');
    },
    watchList(confirmed: ReadonlyArray<{ entry: CreditEntry; reason: string }>, proposed: ReadonlyArray<{ entry: CreditEntry; reason: string }>, now: Date): string {
      const line = ({ entry: e, reason }: { entry: CreditEntry; reason: string }, i: number) =>
        `${i + 1}. ${e.unitName}：${reason}${e.evidence.length > 0 ? `｜${e.evidence.map((x) => zh.credit.evidenceLine(x, now)).join('；')}` : ''}${e.status === 'confirmed' && e.decidedOn ? `（${formatDate(e.decidedOn, now)}确认）` : ''}`;
      return [
        `重点关注名单（已确认 ${confirmed.length} 项，待确认 ${proposed.length} 项）`,
        '【已确认】',
        ...(confirmed.length > 0 ? confirmed.map(line) : ['  暂无。']),
        ...(proposed.length > 0 ? ['【待确认】（管理员回复「确认重点关注 单位」或「不予关注 单位 原因」）', ...proposed.map(line)] : []),
      ].join('\n');
    },
    watchConfirmed: (unit: string, n: number) => `已确认将 ${unit} 列入重点关注（${n} 项提议），该单位将标注〔重点关注〕。`,
    watchDismissed: (unit: string, n: number, note: string) => `已不予关注 ${unit}（${n} 项提议${note ? `，理由：${note}` : ''}），同一事由不再提议。`,
    watchAdded: (unit: string, reason: string) => `已将 ${unit} 列入重点关注：${reason}。`,
    watchRemoved: (unit: string, date: LocalDate, now: Date) => `已将 ${unit} 移出重点关注，移出日${formatDate(date, now)}，记录留档。`,
    noProposals: (unit: string) => `${unit} 没有待确认的重点关注提议。如需直接列入，请写「列入重点关注 ${unit} 原因」。`,
    notWatched: (unit: string) => `${unit} 目前不在重点关注名单中。`,
    unitMissing: (usage: string) => `请写明单位名称。用法：${usage}`,
    reasonMissing: (usage: string) => `请写明原因。用法：${usage}`,
  },
  assessment: {
    /** `排名 2026年第五季度`: words that name no period the bot reads */
    periodUnread: (words: string) => `没看懂「${inline(words, ECHO.name)}」，请写期间，例：本季度、上季度、2026年第四季度、上月、2026年`,
    formula: (r: AssessmentRules) =>
      `计分：整改率×${r.weights.rectification}＋按期率×${r.weights.onTime}＋时效×${r.weights.speed}＋自查自改率×${r.weights.selfCheck}－当前逾期每项${r.penalties.overdue}分－反弹每项${r.penalties.rebound}分；重大隐患逾期超过${r.vetoMajorOverdueDays}天一票否决。`,
    row: (r: Ranked<RankedUnit>) => {
      const a = r.assessment;
      return `${r.rank}. ${r.item.name}${creditMark(r.item.flags)} ${a.score}分${a.veto ? '〔一票否决〕' : ''}｜发现${a.found} 销号${a.closed} 整改率${pct(a.rectificationRate)} 按期率${pct(a.onTimeRate)} 平均${days1(a.averageDaysToClose)} 逾期${a.overdue} 反弹${a.rebounds}${a.selfClosed > 0 ? ` 自查自改${a.selfClosed}` : ''}`;
    },
    ranking(title: string, period: Period, asOf: LocalDate, ranked: readonly Ranked<RankedUnit>[], rules: AssessmentRules, now: Date, limit = LONG_REPLY_BYTES): string {
      if (ranked.length === 0) return `${title}（${period.label}）：本期没有可考核的隐患记录。`;
      const more = (shown: number) => [
        ...(shown < ranked.length ? [`……共 ${ranked.length} 个，仅列前 ${shown} 个；完整排名见「导出台账」的“考核”表。`] : []),
        zh.assessment.formula(rules),
      ];
      return fitRows([`${title}（${period.label}，截至${formatDate(asOf, now)}）`], ranked.map(zh.assessment.row), more, { limit });
    },
    unitsTitle: '考核排名·责任单位',
    departmentsTitle: '考核排名·监管部门',
    pct,
  },
  briefing: {
    render(f: BriefingFacts, rules: AssessmentRules, now: Date): string {
      const c = f.county;
      const asOf = formatDate(f.asOf, now);
      // days overdue are counted to the end of the period reported on, not to the day it is read
      const end = atLocal(`${f.asOf} 12:00`);
      const line = (h: HazardView) => hazardLine(h, now, end < now ? end : now);
      const rate = clearingRate(f.majors);
      // the top and bottom k (k ≤ 3, at most half), ties included; a vetoed unit is never among the best
      const n = f.units.length;
      const k = Math.min(3, Math.max(1, Math.floor(n / 2)));
      const topRank = f.units[k - 1]?.rank ?? 0;
      const bottomRank = f.units[n - k]?.rank ?? Infinity;
      const best = f.units.filter((u) => u.rank <= topRank && deservesPraise(u.assessment));
      const worst = f.units.filter((u) => u.rank >= bottomRank && !best.includes(u)).reverse();
      const name = (u: Ranked<RankedUnit>) => `${u.item.name}${creditMark(u.item.flags)}（${u.assessment.score}分${u.assessment.veto ? '，一票否决' : ''}）`;
      const credit = f.credit;
      const creditLines = [
        ...(credit.formalAdded.length > 0 ? [`新列入严重失信主体名单：${credit.formalAdded.map((e) => `${e.unitName}（${e.decisionNo}，${e.authority}）`).join('、')}；`] : []),
        ...(credit.formalEnded.length > 0 ? [`移出严重失信主体名单：${credit.formalEnded.map((x) => `${x.entry.unitName}（${formatDate(x.on, now)}${x.early ? '提前移出' : '期满'}）`).join('、')}；`] : []),
        ...(credit.watchConfirmed.length > 0 ? [`新列入重点关注：${[...new Set(credit.watchConfirmed.map((e) => e.unitName))].join('、')}；`] : []),
        ...(credit.watchPending > 0 ? [`另有重点关注提议 ${credit.watchPending} 项待管理员确认。`] : []),
      ];
      const later: Array<[string, string[]]> = [
        ...(zh.enforcement.hasAny(f.enforcement) ? [['执法情况', [zh.enforcement.briefing(f.enforcement)]] as [string, string[]]] : []),
        ...(f.parity.government.units > 0 ? [['政府投资项目与企业对照', zh.enforcement.parity(f.parity, pct)] as [string, string[]]] : []),
      ];
      return [
        `【通报】${f.period.label}全县安全隐患排查整治情况（截至${asOf}）`,
        '一、总体情况',
        `本期全县共排查登记隐患 ${c.found} 项，已整改销号 ${c.closed} 项，整改率 ${pct(c.rectificationRate)}；按原定时限完成 ${c.onTime} 项，按期整改率 ${pct(c.onTimeRate)}；平均整改用时 ${days1(c.averageDaysToClose)}。截至${asOf}，全县仍有逾期未改隐患 ${c.overdue} 项${c.rebounds > 0 ? `，滚动检查发现反弹 ${c.rebounds} 项` : ''}。`,
        '二、重大隐患动态清零',
        `期初存量重大隐患 ${f.majors.carriedOver} 项，本期新增 ${f.majors.added} 项，已销号 ${f.majors.cleared} 项，动态清零率 ${pct(rate)}${f.majors.remaining.length > 0 ? `；尚余 ${f.majors.remaining.length} 项未清零：` : '，重大隐患已全部清零。'}`,
        ...f.majors.remaining.slice(0, 10).map((h) => `  ${line(h)}`),
        '三、挂牌督办',
        `本期新挂牌督办 ${f.supervision.listed} 项，督办事项验收销号 ${f.supervision.closed} 项；在办督办事项 ${f.supervision.open.length} 项${f.supervision.open.length > 0 ? '：' : '。'}`,
        ...f.supervision.open.slice(0, 10).map((h) => `  ${line(h)}${h.supervisingLeader ? `｜督办领导 ${h.supervisingLeader}` : ''}`),
        '四、考核排名',
        ...(n === 0 ? ['本期没有可考核的隐患记录。'] : [
          `表现较好：${best.length > 0 ? best.map(name).join('、') : `无（整改率达到${pct(PRAISE_MIN_RECTIFICATION)}且无逾期、未被否决的单位方可列入）`}；`,
          ...(worst.length > 0 ? [`排名靠后：${worst.map(name).join('、')}。`] : []),
          ...(f.departments.length > 0 ? [`监管部门：${f.departments.map((d) => `${d.item.name}${d.assessment.score}分${d.assessment.veto ? '（一票否决）' : ''}`).join('、')}。`] : []),
        ]),
        '五、信用名单',
        ...(creditLines.length > 0 ? creditLines : ['本期信用名单无变化。']),
        // enforcement and government projects only when there is something to say: a briefing is read on a phone
        ...later.flatMap(([title, lines], i) => [`${CHINESE_ORDINALS[5 + i]}、${title}`, ...lines]),
        `${CHINESE_ORDINALS[5 + later.length]}、工作要求`,
        '各单位要对照问题清单逐项整改、逐项销号；逾期事项的责任单位要说明原因、限期整改到位；重大隐患要落实治理方案六项要求，确保动态清零；监管部门要加强跟踪检查和滚动检查，防止反弹。',
        ...(f.statisticsDue ? [`各单位请于${formatDate(f.statisticsDue, now)}前报送${f.period.label}隐患排查治理统计表（发送「导出台账 ${f.period.label}」，见“季度统计”表）。`] : []),
        zh.assessment.formula(rules),
      ].join('\n');
    },
  },
  ledger: {
    exported(r: { count: number; filterWords: readonly string[]; file: { name: string }; quarter: Period; due: LocalDate; asOf: LocalDate; quarterReason: 'filing' | 'toDate' | null }, now: Date): string {
      // without a period the reply says which quarter the statistics table holds, and why that one
      const quarter = r.quarterReason === 'toDate' && r.asOf < r.quarter.to
        ? `${r.quarter.label}至${formatDate(r.asOf, now)}，未指定期间，按本季度至今统计；`
        : r.quarterReason === 'filing' ? `${r.quarter.label}，未指定期间，上季度统计表正在报送期内；` : `${r.quarter.label}，`;
      return `已导出台账：共 ${r.count} 项${r.filterWords.length > 0 ? `（${r.filterWords.join('、')}）` : '（全部）'}。\n含三张表：隐患台账、考核、季度统计（${quarter}${formatDate(r.due, now)}前报送）。\n文件：${r.file.name}`;
    },
    unknownWords: (words: readonly string[]) =>
      `没看懂筛选条件「${inline(words.join('、'), ECHO.medium)}」。可写：本季度、2026年第四季度、上月；单位或监管部门名称；重大、一般；待整改、整改中、待验收、已销号、逾期、未销号。`,
    unknownUnit: (name: string) => `单位「${inline(name, ECHO.name)}」不在名册中。`,
    outOfScope: '只能导出本单位或所监管单位的台账。',
    title: (parts: readonly string[], now: Date) => `安全隐患整改台账${parts.length > 0 ? `（${parts.join('·')}）` : ''}　导出时间：${localDate(now)} ${localTime(now)}`,
    columns: ['序号', '隐患编号', '单位', '类别', '等级', '隐患描述', '位置', '整改措施', '责任人', '整改时限', '原定时限', '状态', '进度', '督办', '登记人', '登记日期', '验收人', '销号日期', '来源'] as const,
    sourceCell: (h: Pick<HazardView, 'source' | 'sourceBody' | 'sourceDate'>, campaignName: string | null, now: Date) => sourceText(h, campaignName, now),
    status: (h: HazardView, now: Date) => `${STATUS_LABELS[h.status]}${isOverdue(h, now) ? `（逾期${daysOverdue(h, now)}天）` : ''}`,
    supervised: (h: HazardView) => (h.supervised ? `挂牌督办${h.supervisingLeader ? `（${h.supervisingLeader}）` : ''}` : ''),
    unitCell: (h: HazardView, now: Date) => unitLabel(h, now),
    sheets: { ledger: '隐患台账', assessment: '考核', statistics: '季度统计' },
    rankCountyOnly: '本表只列本单位；全县排名不在单位联系人导出的台账中显示。',
    assessmentTitle: (period: Period, asOf: LocalDate) => `考核情况（${period.label}，截至${asOf}）`,
    assessmentColumns: ['排名', '名称', '类型', '得分', '一票否决', '发现', '销号', '整改率', '按期完成', '应按期数', '按期率', '平均整改天数', '当前逾期', '反弹', '自查自改', '自查自改率', '信用'] as const,
    assessmentKinds: { unit: '责任单位', department: '监管部门' },
    assessmentSections: { unit: '责任单位排名', department: '监管部门排名' },
    creditCell: (flags: CreditFlags) => [flags.formal ? '严重失信' : '', flags.watch ? '重点关注' : ''].filter(Boolean).join('、'),
    statisticsTitle: (quarter: Period) => `${quarter.label}生产安全事故隐患排查治理情况统计表`,
    statisticsNote: (quarter: Period, due: LocalDate, asOf: LocalDate) => `统计期：${quarter.from}至${quarter.to}　截至：${asOf}　报送时限：${due}前`,
    statisticsGroups: ['一般隐患', '重大隐患', '重大隐患治理方案落实（项）'] as const,
    statisticsColumns: ['序号', '单位', '排查数', '已整改', '整改率', '排查数', '已整改销号', '整改率', ...PLAN_PARTS.map((p) => PLAN_LABELS[p]), '挂牌督办', '逾期未改'] as const,
    total: '合计',
    parityTitle: '政府投资项目与企业对照（同一统计期、同一规则）',
    parityColumns: ['类别', '单位数', '排查数', '已整改销号', '整改率', '应按期数', '按期完成', '按期率', '逾期未改'] as const,
    paritySides: { government: '政府投资项目', enterprise: '企业' },
    parityNote: (names: readonly string[]) => (names.length > 0 ? `政府投资项目：${names.join('、')}。按期率＝按原定时限销号数÷已到原定时限或已销号数。` : '名册中未标注政府投资项目（名册 units 中写 government: true 和 project_owner）。'),
  },
  audience: {
    notThisRoom: (code: string) => `${code} 不属于本群对应的单位，详情不在本群显示。请私聊机器人发「查询 ${code}」，或到该单位的群里查询。`,
    actedOutOfRoom: (code: string) => `已办理 ${code}。这项隐患在本群对应的单位之外，内容不在此显示，办理结果已私信发给您。`,
    actedInUnboundRoom: (code: string) => `已办理 ${code}。本群聊还没有绑定到名册中的群（请管理员在本群发「绑定本群 群名」），内容不在此显示，办理结果已私信发给您。`,
    rankingSentPrivately: '全县排名已私信发给您，不在本群发送（本群有无权查看排名的成员）。',
    ledgerSentPrivately: '台账包含本群以外单位的隐患，已私信发给您，不在本群发送。',
  },
  identity: {
    platforms: PLATFORM_NAMES,
    /** a privileged roster person, writing from an account not bound yet */
    unclaimed: (name: string, role: string) =>
      `${name}，您在名册中是${role}，首次在本平台使用须先认领身份：请管理员私聊机器人发「认领码 ${name}」，把收到的6位认领码告诉您，您再发「认领 认领码」（例：认领 123456）；或请管理员发「确认绑定 ${name}」。`,
    /** the name is a person's who is bound to another account */
    impostor: (name: string, platform: Platform) =>
      `名册中的「${name}」已绑定另一个${PLATFORM_NAMES[platform]}账号，本账号不能以其身份操作。如确是本人换了账号，请管理员发「认领码 ${name}」给您重新认领。`,
    /** a name-only binding acting beyond a contact's rights */
    claimNeeded: (name: string) => `${name}，您的账号是按昵称自动关联的，只有单位联系人的权限。要使用这条命令，请先认领身份：请管理员发「认领码 ${name}」，您再发「认领 认领码」。`,
    pendingNotice: (name: string, role: string, platform: Platform, group: string | null) =>
      `【身份待确认】有${PLATFORM_NAMES[platform]}账号以「${name}」（${role}）的名义${group ? `在「${inline(group, ECHO.name)}」` : ''}发消息，尚未绑定。确是本人请发「确认绑定 ${name}」，或发「认领码 ${name}」把认领码交给本人。`,
    nameBoundNotice: (name: string, platform: Platform, group: string | null) =>
      `【身份绑定】${PLATFORM_NAMES[platform]}账号已按昵称关联到单位联系人「${name}」${group ? `（在「${inline(group, ECHO.name)}」）` : ''}，只有联系人权限。如不是本人，请把名册中此人的账号改正。`,
    methodLabels: { name: '按昵称关联（只有联系人权限）', first_sight: '首次发言时绑定群聊', admin: '管理员改绑群聊', claim: '本人认领', confirm: '管理员确认' } as Partial<Record<string, string>>,
    missedLine: (at: Date, who: string, how: string) => `· ${formatDate(localDate(at), at)} ${localTime(at)} ${who}：${how}`,
    missedNotices: (platform: Platform, total: number, lines: readonly string[]) =>
      [`【身份绑定记录】您的${PLATFORM_NAMES[platform]}账号绑定之前，${PLATFORM_NAMES[platform]}上记下了 ${total} 条身份和群绑定（当时无法私信您）${total > lines.length ? `，以下是最近 ${lines.length} 条` : ''}：`,
        ...lines, '请核对：按昵称认错的人请改正名册，或发「认领码 姓名」让本人认领。'].join('\n'),
    claimedNotice: (name: string, platform: Platform, how: string) => `【身份绑定】「${name}」的${PLATFORM_NAMES[platform]}账号已绑定（${how}）。`,
    groupBoundNotice: (group: string, by: string) => `【群绑定】名册中的群「${group}」已绑定到 ${by} 所在的群聊。`,
    groupWaitingNotice: (group: string, by: string) =>
      `【群待绑定】名册中的群「${group}」还没有绑定群聊。${by}（仅按昵称认出，未认领）在同名群聊里发了消息，这不足以绑定。如确是该群，请管理员在群里发「绑定本群 ${group}」，或让${by}先认领账号（「认领码 ${by}」）。`,
    titleTakenNotice: (group: string, chat: string) =>
      `【群名冲突】另有一个群聊使用了「${group}」的群名，已记为「${inline(chat, ECHO.name)}」，未绑定，消息与提醒仍发往原来的群。如原群已换成这个新群，请管理员在新群发「绑定本群 ${group}」。`,
    claimUsage: '认领 123456',
    claimCodeUsage: '认领码 张伟',
    claimCodeIssued: (name: string, code: string, hours: number) =>
      `「${name}」的认领码：${code}（${hours}小时内有效，只能用一次）。请当面或电话告诉本人，由本人用自己的账号发「认领 ${code}」。不要转发到群里。`,
    claimCodeSentPrivately: (name: string) => `「${name}」的认领码已私信发给您，请查看与机器人的单聊。`,
    claimOk: (name: string, unit: string | null, role: string) => `认领成功：本账号已绑定为 ${name}（${unit ? `${unit}，` : ''}${role}）。`,
    claimBad: '认领码不对、已用过或已过期。请核对6位数字，或请管理员重新发认领码。',
    claimLocked: '认领失败次数过多，请1小时后再试，或请管理员发「确认绑定 姓名」。',
    claimPaused: '近1小时认领失败次数过多，认领暂停，请稍后再试或请管理员发「确认绑定 姓名」。',
    claimOtherAccount: (name: string) => `本账号已绑定为 ${name}，一个账号只能绑定一个人。如需更正请联系管理员。`,
    alreadyYou: (name: string) => `本账号已绑定为 ${name}，无需认领。`,
    confirmUsage: '确认绑定 张伟',
    confirmNone: (name: string) => `没有以「${name}」名义等待确认的账号（7天内）。请让本人先在群里发一条消息，或改用「认领码 ${name}」。`,
    confirmSeveral: (name: string, n: number) => `有 ${n} 个不同账号以「${name}」的名义发过消息，无法确定哪一个是本人，请改用「认领码 ${name}」。`,
    confirmTaken: (name: string, other: string) => `以「${name}」名义发消息的账号已绑定为 ${other}，不能再绑定。`,
    confirmed: (name: string, platform: Platform, group: string | null, at: string) =>
      `已确认：${at}${group ? `在「${inline(group, ECHO.name)}」` : ''}以「${name}」名义发消息的${PLATFORM_NAMES[platform]}账号已绑定为 ${name}。`,
    groupReboundNotice: (group: string) => `【群绑定】管理员已将名册中的群「${group}」改绑到一个新的群聊，今后的消息与提醒发到新群。`,
    groupRebound: (group: string) => `已将名册中的群「${group}」改绑到本群，今后的消息与提醒发到这里。`,
  },
  roles: { admin: '管理员', leader: '领导', department: '监管部门', contact: '单位联系人' },
  delivery: {
    /** to the admins when a message could not be sent after every retry */
    failed: (where: string, excerpt: string, attempts: number, reason: string) =>
      `【发送失败】发往「${where}」的消息重试${attempts}次仍未发出，已停止重试：\n${excerpt}\n原因：${reason}\n请检查该群的机器人配置后，在群里重新操作。`,
    /** said instead of a file the platform cannot carry */
    fileNotSent: (name: string) => `〔附件「${name}」无法通过本平台发送，请联系管理员领取〕`,
    noRoute: (where: string) => `没有可用的发送通道：「${where}」未配置机器人，且没有可回复的会话`,
    /**
     * The first line of each later part of a message too long for one (`【通报】（续1）`): named after
     * the message's 【标题】, or the start of its first line, so a part read alone says what it continues.
     */
    continued: (firstLine: string, n: number) => `${continuedTitle(firstLine)}（续${n}）`,
  },
  dashboard: {
    /** the link, sent privately */
    link: (url: string, expiresAt: Date, hours: number) =>
      `【数据看板】只读链接（${hours}小时内有效，至${formatDate(localDate(expiresAt), expiresAt)} ${localTime(expiresAt)}）：\n${url}\n链接只对你本人有效，请勿转发；发送「看板 撤销」可立即作废。`,
    sentPrivately: '看板链接已私信发给你（只对你本人有效，请勿转发）。',
    revoked: (count: number) => (count > 0 ? `已作废你的 ${count} 个看板链接。需要时再发送「看板」获取新链接。` : '你没有尚在有效期内的看板链接。'),
    rotated: '看板密钥已更换：此前发出的所有看板链接均已失效。',
    rotateAdminOnly: '只有管理员可以更换看板密钥。你可以发送「看板 撤销」作废自己的链接。',
    unknown: (text: string) => `「看板」后面只能跟「撤销」（管理员还可用「换钥」），没看懂「${inline(text, ECHO.name)}」。例：看板、看板 撤销`,
  },
  runtime: {
    /** 运行状态: instances, leases, outbox, jobs, database */
    status(s: RuntimeStatus, now: Date): string {
      const ago = (d: Date) => {
        const seconds = Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000));
        return seconds < 90 ? `${seconds}秒前` : seconds < 5400 ? `${Math.round(seconds / 60)}分钟前` : `${Math.round(seconds / 3600)}小时前`;
      };
      const when = (d: Date) => `${formatDate(localDate(d), now)} ${localTime(d)}`;
      const CONNECTION: Record<string, string> = { connected: '已连接', reconnecting: '重连中', disconnected: '未连接', standby: '待命（连接由另一实例持有）' };
      const LEASE: Record<string, string> = { scheduler: '定时任务（提醒、汇总、通报）' };
      const leaseName = (name: string) => LEASE[name] ?? (name.startsWith('channel:') ? `${PLATFORM_NAMES[name.slice(8) as Platform] ?? name.slice(8)}连接（同一账号只允许一个）` : name);
      const lines = [`【运行状态】${when(now)}`];
      lines.push(s.provider === 'sqlite' ? '部署：单实例（SQLite 数据库文件，进程锁保证只有一个机器人进程）' : `部署：PostgreSQL 多实例，在线 ${s.instances.filter((i) => i.live).length} 个`);
      for (const i of s.instances) {
        const facts = [
          i.live ? '在线' : `已离线（最后心跳${ago(i.renewedAt)}）`,
          ...(i.platform ? [`${PLATFORM_NAMES[i.platform as Platform] ?? i.platform}${i.connection && i.connection !== 'unknown' ? (CONNECTION[i.connection] ?? i.connection) : ''}`] : []),
          ...(i.queue !== null && i.live ? [`待处理${i.queue}条`] : []),
          ...(i.startedAt && i.live ? [`启动于${when(i.startedAt)}`] : []),
        ];
        lines.push(`· 实例 ${i.id}${i.self ? '（本条由它回复）' : ''}：${facts.join('，')}`);
      }
      for (const l of s.leases) {
        lines.push(l.live
          ? `· ${leaseName(l.name)}：由 ${l.holder} 负责（第${l.epoch}任，租约${Math.max(0, Math.round((l.expiresAt.getTime() - now.getTime()) / 1000))}秒后到期，自动续期）`
          : `· ${leaseName(l.name)}：暂无实例负责（上一任 ${l.holder} 的租约已过期，其他实例将在几秒内接手）`);
      }
      lines.push(`发送队列：待发 ${s.outbox.pending} 条${s.outbox.oldestPending ? `（最早一条写入于${ago(s.outbox.oldestPending)}）` : ''}，发送失败 ${s.outbox.failed} 条${s.outbox.failed > 0 ? '（已私信通知管理员）' : ''}`);
      if (s.jobs.length === 0) lines.push('定时任务：尚未运行过');
      for (const j of s.jobs) lines.push(`定时任务 ${j.job}：最近一次 ${when(j.dueAt)}${j.late ? `（补发，${when(j.ranAt)}执行）` : ''}${j.instance ? `，由 ${j.instance} 执行` : ''}`);
      lines.push(`数据库：${s.databaseVersion}，往返 ${s.roundTripMs.toFixed(1)} 毫秒${s.inRecovery ? '；⚠ 连接的是只读备库，写入会失败，请把 HZ_DATABASE_URL 指向主库' : ''}`);
      for (const r of s.replicas) lines.push(`· 备库 ${r.name}：${r.state}，回放延迟 ${r.lagMs === null ? '0' : Math.round(r.lagMs)} 毫秒`);
      if (s.provider === 'postgresql' && s.replicas.length === 0) lines.push('· 没有流复制备库（高可用请为 PostgreSQL 配置备库）');
      return lines.join('\n');
    },
  },
  ...scheduleTexts,
  ...cardTexts,
  ...enforcementTexts,
  ...problemListTexts,
  ...campaignTexts,
  ...chainTexts,
};

export type Texts = typeof zh;

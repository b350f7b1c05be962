import { formatDate, localDate, localTime } from '../domain/calendar.ts';
import { LEVEL_LABELS, STATUS_LABELS, type TransitionRefusal } from '../domain/lifecycle.ts';
import { daysLeft, daysOverdue, isOverdue } from '../domain/overdue.ts';
import type { PermissionRefusal } from '../domain/permissions.ts';
import type { HazardEvent, HazardView, LocalDate } from '../domain/types.ts';
import { ECHO, fitRows, inline } from './fit.ts';

// Every user-written field (descriptions, reasons, notes, names typed in chat, group names) goes
// through `inline` before it is shown: one line, no forged @所有人, cut to a sane length. Roster
// names come from the admin and are shown as they are. Long replies are fitted to the platform's
// 2,048-byte text limit with `fitRows`, saying what was left out.

/** The hazard facts a one-line summary shows. */
type HazardLine = Pick<HazardView, 'code' | 'level' | 'unitName' | 'description' | 'ownerName' | 'deadline' | 'status' | 'progress' | 'supervised'>;

function deadlineNote(h: Pick<HazardView, 'deadline' | 'status'>, now: Date): string {
  if (h.status === 'closed') return '';
  if (isOverdue(h, now)) return `（已逾期${daysOverdue(h, now)}天）`;
  const left = daysLeft(h.deadline, now);
  return left === 0 ? '（今天到期）' : `（剩${left}天）`;
}

/** One hazard in one line, the shape every list uses. */
function hazardLine(h: HazardLine, now: Date): string {
  const flags = `${h.level === 'major' ? '【重大】' : ''}${h.supervised ? '【督办】' : ''}`;
  const state = h.status === 'rectifying' ? `${STATUS_LABELS[h.status]}${h.progress}%` : STATUS_LABELS[h.status];
  return `${h.code} ${flags}${h.unitName}：${inline(h.description, ECHO.row)}｜责任人 ${h.ownerName}｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, now)}｜${state}`;
}

const EVENT_LABELS: Record<HazardEvent['type'], string> = {
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
  reinspection_passed: '复查通过',
  rebound: '复查发现反弹',
};

function eventLine(e: HazardEvent, now: Date): string {
  const time = `${formatDate(localDate(e.at), now)} ${localTime(e.at)}`;
  const extra = e.type === 'progress' && typeof e.data.progress === 'number' ? ` ${e.data.progress}%` : '';
  const files = e.attachments.length > 0 ? ` 〔附件${e.attachments.length}个〕` : '';
  const text = inline(e.text, ECHO.medium);
  return `  ${time} ${e.actorName ?? '系统'} ${EVENT_LABELS[e.type]}${extra}${text ? `：${text}` : ''}${files}`;
}

export const zh = {
  hazard: {
    line: hazardLine,
    statusLabel: STATUS_LABELS,
    levelLabel: LEVEL_LABELS,
    /** The whole record; the history keeps its latest entries when it does not all fit. */
    detail(h: HazardView, events: readonly HazardEvent[], now: Date): string {
      const head = [
        `${h.code} ${h.level === 'major' ? '【重大隐患】' : '【一般隐患】'}${h.supervised ? '【挂牌督办】' : ''}`,
        `单位：${h.unitName}`,
        `隐患：${inline(h.description, ECHO.long)}`,
        ...(h.location ? [`位置：${inline(h.location, ECHO.name)}`] : []),
        `类别：${h.category}`,
        `责任人：${h.ownerName}`,
        ...(h.measures ? [`措施：${inline(h.measures, ECHO.medium)}`] : []),
        `时限：${formatDate(h.deadline, now)}${deadlineNote(h, now)}${h.deadline !== h.originalDeadline ? `（原定${formatDate(h.originalDeadline, now)}）` : ''}`,
        ...(h.extensionTo ? [`延期申请：至${formatDate(h.extensionTo, now)}，待审批`] : []),
        `状态：${STATUS_LABELS[h.status]}${h.status === 'closed' ? '' : `，进度${h.progress}%`}`,
        `登记人：${h.reporterName}`,
        '处理记录：',
      ];
      const omitted = (shown: number) => (shown < events.length ? [`  ……较早的 ${events.length - shown} 条记录从略（共 ${events.length} 条）`] : []);
      return fitRows(head, events.map((e) => eventLine(e, now)), omitted, { keep: 'last' });
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
        `单位：${h.unitName}｜类别：${h.category}`,
        `隐患：${inline(h.description, ECHO.long)}`,
        `责任人：${h.ownerName}｜整改时限：${formatDate(h.deadline, now)}${deadlineNote(h, now)}`,
        ...(h.measures ? [`措施：${inline(h.measures, ECHO.long)}`] : []),
        `请责任人按时整改，回复「${h.code} 进度60% 已做的工作」报告进度。`,
      ].join('\n');
    },
    ask: {
      unit: '请补充隐患所在单位（名册中的单位名称），例：单位：红星化工',
      unitUnknown: (name: string) => `单位「${inline(name, ECHO.name)}」不在名册中，请写名册中的单位名称，例：单位：红星化工`,
      unitAmbiguous: (names: readonly string[]) => `单位不明确：${names.join('、')}，请回复其中一个单位名称`,
      owner: '请补充整改责任人，例：责任人 @张伟',
      ownerUnknown: (name: string) => `责任人「${inline(name, ECHO.name)}」不在名册中，请 @ 名册中的人员，或联系管理员添加`,
      ownerAmbiguous: (name: string, units: readonly string[]) => `名册中有多位「${name}」（${units.join('、')}），请写明单位，例：责任人 红星化工 ${name}`,
      deadline: '请补充整改时限，例：12月15日前、3天内、本月底',
      deadlineUnreadable: (text: string) => `没看懂整改时限「${inline(text, ECHO.name)}」，请写成：12月15日前、3天内、本月底`,
      deadlinePast: (date: string) => `整改时限 ${date} 已过，请重新给出时限，例：12月15日前`,
      deadlineTooFar: (date: string, years: number) => `整改时限 ${date} 超过${years}年，请核对日期，例：12月15日前`,
      description: '请补充隐患描述，例：隐患：储罐区呼吸阀损坏',
      footer: (minutes: number) => `（${minutes}分钟内直接回复即可，回复「取消」放弃本次登记）`,
    },
    tooLong: (field: string, length: number, max: number) =>
      `${field}有 ${length} 字，超过 ${max} 字的上限，本次未登记。请精简后重新登记；详细材料可作为附件随进度发送。`,
    expired: '上一条隐患登记超时未补全，已作废，请重新登记。',
    cancelled: '已取消本次登记。',
    nothingToCancel: '当前没有待补全的登记。',
    contactOwnUnitOnly: '企业联系人只能登记本单位的隐患。',
  },
  progress: {
    recorded: (h: HazardView, percent: number, now: Date) =>
      `已记录 ${h.code} 进度 ${percent}%（${STATUS_LABELS[h.status]}）｜时限 ${formatDate(h.deadline, now)}${deadlineNote(h, now)}`,
    outOfRange: (n: number) => `进度「${n}%」超出范围，请写 0–100 之间的百分比，例：YH-0012 进度60% 已更换阀门`,
    hint100: (code: string) => `如已整改完毕，请回复「${code} 整改完成 请验收」。`,
    empty: '请写明进度百分比或已做的工作，例：YH-0012 进度60% 已更换阀门',
  },
  submit: {
    done: (h: HazardView, reviewers: string) => `${h.code} 已提交验收，请${reviewers}验收：回复「${h.code} 验收通过」或「${h.code} 驳回 原因」。`,
  },
  review: {
    accepted: (h: HazardView) => `${h.code} 验收通过，已销号。${h.unitName}：${inline(h.description, ECHO.medium)}`,
    rejected: (h: HazardView, reason: string) => `${h.code} 验收驳回：${inline(reason, ECHO.medium)}。请责任人 ${h.ownerName} 继续整改后重新提交。`,
    reasonMissing: '驳回需写明原因，例：YH-0012 驳回 呼吸阀型号不符',
  },
  extension: {
    requested: (h: HazardView, reviewers: string, now: Date) =>
      `${h.code} 申请延期至 ${formatDate(h.extensionTo ?? h.deadline, now)}（原因：${inline(h.extensionReason ?? '', ECHO.medium)}），原时限 ${formatDate(h.deadline, now)}。请${reviewers}审批：回复「${h.code} 批准延期」或「${h.code} 不予延期 原因」。`,
    approved: (h: HazardView, now: Date) => `${h.code} 延期已批准，新时限 ${formatDate(h.deadline, now)}（原定时限 ${formatDate(h.originalDeadline, now)} 留档）。`,
    denied: (h: HazardView, reason: string, now: Date) => `${h.code} 不予延期${reason ? `：${inline(reason, ECHO.medium)}` : ''}。仍须在 ${formatDate(h.deadline, now)} 前整改完毕。`,
    dateMissing: '请写明延期到哪一天，例：YH-0012 申请延期到12月30日 原因：配件未到货',
    reasonMissing: '延期须写明原因，例：YH-0012 申请延期到12月30日 原因：配件未到货',
    datePast: (date: LocalDate) => `延期日期 ${date} 已过，请给出今后的日期。`,
    dateTooFar: (date: LocalDate, years: number) => `延期日期 ${date} 超过${years}年，请核对日期。`,
  },
  refusal: {
    closed: (code: string) => `${code} 已销号，不能再操作。如隐患反弹，请重新登记。`,
    awaiting_review: (code: string) => `${code} 已提交验收，正在等待验收结果。`,
    not_awaiting_review: (code: string) => `${code} 还没有提交验收，不能验收或驳回。`,
    extension_not_later: (code: string) => `延期日期必须晚于 ${code} 的现有时限。`,
    extension_pending: (code: string) => `${code} 已有一份延期申请待审批，请等待审批结果。`,
    no_extension_pending: (code: string) => `${code} 没有待审批的延期申请。`,
  } satisfies Record<TransitionRefusal, (code: string) => string>,
  permission: {
    not_own_unit: '只有本单位的联系人或整改责任人可以操作这条隐患。',
    not_supervisor: '只有该单位的监管部门或管理员可以验收、驳回和审批延期。',
    admin_only: '只有管理员可以进行设置。',
    not_visible: '您无权查看这条隐患（只能查看本单位或所监管单位的隐患）。',
    role_cannot_register: '您的角色不能登记隐患。',
    roleNotAllowed: (command: string, roles: readonly string[]) => `「${command}」只有${roles.join('、')}可以使用。`,
  } satisfies Record<PermissionRefusal, string> & Record<string, unknown>,
  common: {
    unknownSender: (name: string) => `${inline(name, ECHO.name)}，您还不在名册中，暂时不能使用隐患清零。请联系管理员添加。`,
    codeMissing: (usage: string) => `请写明隐患编号。用法：${usage}`,
    notFound: (code: string) => `没有找到隐患 ${code}，请核对编号（例：YH-0012）。`,
    usage: (problem: string, usage: string) => `${problem}\n用法：${usage}`,
    groupOnly: '这条命令请在群里使用。',
    fileRejected: (name: string, reason: string) => `附件「${inline(name, ECHO.name)}」未保存：${reason}。`,
    internalError: '处理这条消息时出错了，记录未受影响，请稍后再试；如一直出错请联系管理员。',
  },
  help: {
    title: '隐患清零 · 命令一览',
    footer: '日期可写：12月15日前、3天内、下周五前、本月底。编号写 YH-0012 即可。',
    footerShort: '发「帮助 命令名」看一条命令的写法，例：帮助 进度。日期可写：12月15日前、3天内、本月底。',
  },
  config: {
    groupBound: (group: string, unit: string) => `已将本群「${inline(group, ECHO.name)}」绑定到单位「${unit}」。`,
    leadersGroup: (group: string) => `已将本群「${inline(group, ECHO.name)}」设为领导群，汇总与升级提醒将发到这里。`,
    departmentGroup: (group: string, unit: string) => `已将本群「${inline(group, ECHO.name)}」设为「${unit}」的监管部门群。`,
    personAdded: (name: string, unit: string, role: string) => `已添加 ${name}（${unit}，${role}）。`,
    personUpdated: (name: string, unit: string, role: string) => `已更新 ${name}（${unit}，${role}）。`,
    roleSet: (name: string, role: string) => `已将 ${name} 的角色设为 ${role}。`,
    unitUnknown: (name: string) => `单位「${inline(name, ECHO.name)}」不在名册中。`,
    personUnknown: (name: string) => `「${inline(name, ECHO.name)}」不在名册中。`,
    personAmbiguous: (name: string) => `名册中有多位「${name}」，请写明单位。`,
    roleUnknown: (word: string, usage: string) => `角色「${inline(word, ECHO.name)}」无效，可选：管理员、领导、监管部门、联系人。\n用法：${usage}`,
    nameInvalid: (max: number) => `姓名须是 1–${max} 个字，不能含 @、<、> 或空白。`,
  },
  roles: { admin: '管理员', leader: '领导', department: '监管部门', contact: '单位联系人' },
};

export type Texts = typeof zh;

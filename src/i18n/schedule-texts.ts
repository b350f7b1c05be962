import { daysBetween, formatDate } from '../domain/calendar.ts';
import type { Digest, HazardItem, OnTimeRate, TopList, WeeklySummary } from '../domain/digest.ts';
import { BURDEN_MAX_NAMES, MAJOR_BURDEN_WEIGHT, type BurdenGroup, type LeadersDigest } from '../domain/leaders-digest.ts';

const waited = (days: number) => (days === 0 ? '今日提交' : `已等${days}天`);

/** Departments and decisions the leaders' digest names before counting the rest. */
const LEADERS_LIST_LIMIT = 5;
import type { EscalationPolicy, EscalationStep } from '../domain/escalation.ts';
import { STATUS_LABELS } from '../domain/lifecycle.ts';
import type { LocalDate } from '../domain/types.ts';
import type { ScheduleConfig } from '../core/config.ts';

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

const major = (h: Pick<HazardItem, 'level'>) => (h.level === 'major' ? '【重大】' : '');
/** '整改中60%', '待验收' …: a list line's state. */
export const state = (h: Pick<HazardItem, 'status' | 'progress'>) =>
  h.status === 'rectifying' ? `整改中${h.progress}%` : STATUS_LABELS[h.status];
/** 'owner → unit → supervising department → 分管 leader in charge': who is responsible along the chain. */
export const chain = (h: HazardItem, leaderInCharge: string | null = null) =>
  [h.ownerName, h.unitName, ...(h.supervisorName ? [h.supervisorName] : []), ...(leaderInCharge ? [`分管 ${leaderInCharge}`] : [])].join(' → ');
const overdueDays = (h: HazardItem, today: LocalDate) => daysBetween(h.deadline, today);

/** "……等 N 项，仅列前 K 项" when a list was cut. */
function more(list: TopList<unknown>): string[] {
  return list.total > list.items.length ? [`……等 ${list.total} 项，仅列前 ${list.items.length} 项`] : [];
}

function percent(r: OnTimeRate): string {
  return `${Math.round((100 * r.onTime) / r.due)}%`;
}

function trend(now: number, before: number): string {
  if (now === before) return `上周 ${before}，持平`;
  return `上周 ${before}，${now > before ? '↑' : '↓'}${Math.abs(now - before)}`;
}

/** '今日' for one day, '12月5日以来' when the digest covers a weekend or holiday too. */
function since(d: Pick<Digest, 'period'>, now: Date): string {
  return d.period.from === d.period.to ? '今日' : `${formatDate(d.period.from, now)}以来`;
}

function daysText(days: readonly number[]): string {
  return days.map((d) => (d === 0 ? '当天' : `${d} 天`)).join('、');
}

/** Reminder, escalation, digest and summary texts (zh.reminders, zh.overdue, zh.digest, zh.weekly, zh.schedule). */
/** How the digest names the latest word on a hazard that is not a percentage. */
const PROGRESS_WORDS = { submitted: '提交验收', rejected: '验收驳回', accepted: '验收通过' } as const;

export const scheduleTexts = {
  digest: {
    /** The daily digest of one scope ('全县', '应急管理局所监管单位', a unit). */
    /**
     * The digest of one scope. The scheduled evening digest names no overdue item (`listOverdue`
     * false): the group's morning message did; 今日汇总 on demand lists them.
     */
    render(d: Digest, scope: string, now: Date, title = '每日安全汇总', listOverdue = true): string {
      const when = since(d, now);
      const categories = d.open.byCategory.map((c) => `${c.category} ${c.count}`).join('、');
      const overdue = d.overdue.total === 0
        ? ['逾期：无']
        : !listOverdue ? [`逾期 ${d.overdue.total} 项（重大 ${d.overdue.major}），明细见上午「今日提醒」`]
        : [
            `逾期 ${d.overdue.total} 项（重大 ${d.overdue.major}）：`,
            ...d.overdue.items.map((h, i) => `${i + 1}. ${h.code} ${major(h)}${h.unitName}：${h.description}｜${h.ownerName}｜逾期${overdueDays(h, d.today)}天`),
            ...more(d.overdue),
          ];
      const worst = d.worstUnits.length > 0 ? [`逾期最多的单位：${d.worstUnits.map((u) => `${u.unitName} ${u.count} 项`).join('、')}`] : [];
      const progress = d.progress.total === 0 ? [] : [
        `${when}进度：`,
        ...d.progress.items.map((p) => `· ${p.code} ${p.unitName} ${p.kind === 'progress' ? `进度${p.progress ?? '?'}%` : PROGRESS_WORDS[p.kind]}（${p.actorName ?? '系统'}）`),
        ...more(d.progress),
      ];
      return [
        `【${title}】${formatDate(d.today, now)} · ${scope}`,
        `${when}新增 ${d.created.total} 项（重大 ${d.created.major}）｜${when}销号 ${d.closed} 项｜${when}报进度 ${d.progress.total} 项`,
        d.open.total === 0 ? '未销号：无' : `未销号 ${d.open.total} 项：重大 ${d.open.major}、一般 ${d.open.total - d.open.major}`,
        ...(categories ? [`按类别：${categories}`] : []),
        ...overdue, ...worst, ...progress,
      ].join('\n');
    },
    /**
     * The leaders' digest (全县): the change, what waits on the departments, the day's decisions,
     * who is slipping most. It lists no overdue item: the morning message does (see leaders-digest.ts).
     */
    leaders(d: LeadersDigest, now: Date): string {
      const when = since(d, now);
      const { now: c, before: b } = d.change;
      const s = d.standing;
      const delta = (nowCount: number, then: number) => (nowCount === then ? '持平' : `${nowCount > then ? '↑' : '↓'}${Math.abs(nowCount - then)}`);
      const byDepartment = new Map<string, LeadersDigest['waiting']>();
      for (const w of d.waiting) {
        const key = w.departmentName ?? '管理员';
        byDepartment.set(key, [...(byDepartment.get(key) ?? []), w]);
      }
      const waiting = d.waiting.length === 0 ? ['待部门验收：无'] : [
        `待部门验收 ${d.waiting.length} 项（已提交、未决定）：`,
        ...[...byDepartment].slice(0, LEADERS_LIST_LIMIT).map(([dept, items]) =>
          `· ${dept} ${items.length} 项${d.inChargeOf?.has(dept) ? `（分管 ${d.inChargeOf.get(dept)}）` : ''}：${items.slice(0, 3).map((w) => `${w.code} ${w.unitName} ${waited(daysBetween(w.submittedOn, d.today))}`).join('、')}${items.length > 3 ? ` 等` : ''}`),
        ...(byDepartment.size > LEADERS_LIST_LIMIT ? [`……等 ${byDepartment.size} 个部门`] : []),
      ];
      const rejected = d.decisions.filter((x) => x.kind === 'rejected');
      const extensions = d.decisions.filter((x) => x.kind !== 'rejected');
      const decisions = [
        ...(rejected.length > 0 ? [`${when}驳回 ${rejected.length} 项：${rejected.slice(0, LEADERS_LIST_LIMIT).map((x) => `${x.code} ${x.unitName}（${x.actorName ?? '系统'}${x.reason ? `：${x.reason}` : ''}）`).join('；')}${rejected.length > LEADERS_LIST_LIMIT ? ' 等' : ''}`] : []),
        ...(extensions.length > 0 ? [`${when}延期决定 ${extensions.length} 项：${extensions.slice(0, LEADERS_LIST_LIMIT).map((x) => x.kind === 'extension_approved'
          ? `批准 ${x.code} ${x.unitName}${x.to ? ` 至${formatDate(x.to, now)}` : ''}（${x.actorName ?? '系统'}）`
          : `不予 ${x.code} ${x.unitName}（${x.actorName ?? '系统'}）`).join('；')}${extensions.length > LEADERS_LIST_LIMIT ? ' 等' : ''}`] : []),
      ];
      const burden = (title: string, groups: readonly BurdenGroup[], leaders?: ReadonlyMap<string, string>) => groups.length === 0 ? [] : [
        `${title}：${groups.map((g) => {
          const inCharge = (name: string) => (leaders?.has(name) ? `，分管 ${leaders.get(name)}` : '');
          const members = g.members.slice(0, BURDEN_MAX_NAMES).map((m) => `${m.name}（${m.items}项${m.major > 0 ? `，重大${m.major}` : ''}${inCharge(m.name)}）`).join('、');
          const more = g.members.length > BURDEN_MAX_NAMES ? ` 等${g.members.length}个` : '';
          const only = g.members[0];
          return g.members.length > 1 || !only ? `${members}${more} 并列${g.score}分` : `${only.name} ${g.score}分（${only.items}项${only.major > 0 ? `，重大${only.major}` : ''}${inCharge(only.name)}）`;
        }).join('；')}`,
      ];
      return [
        `【每日安全汇总】${formatDate(d.today, now)} · 全县`,
        `${when}新增 ${c.created} 项、销号 ${c.closed} 项、新逾期 ${c.newlyOverdue} 项（上一工作日：新增 ${b.created}、销号 ${b.closed}、新逾期 ${b.newlyOverdue}）`,
        `未销号 ${s.open} 项（重大 ${s.openMajor}，较上周同日${delta(s.open, s.openWeekAgo)}），其中逾期 ${s.overdue} 项（重大 ${s.overdueMajor}，较上周同日${delta(s.overdue, s.overdueWeekAgo)}）`,
        ...waiting,
        ...decisions,
        ...burden('逾期最重的单位', d.worstUnits),
        ...burden('逾期最重的部门', d.worstDepartments, d.inChargeOf),
        ...(d.worstUnits.length > 0 ? [`逾期分＝各项逾期天数之和，重大隐患按${MAJOR_BURDEN_WEIGHT}倍计；逾期明细见上午「今日提醒」。`] : []),
      ].join('\n');
    },
    /** The digest's first line, alone when all it has to say is a reminder. */
    heading: (today: LocalDate, scope: string, now: Date) => `【每日安全汇总】${formatDate(today, now)} · ${scope}`,
    county: '全县',
    supervised: (unit: string, inCharge: string | null = null) => `${unit}及所监管单位${inCharge ? `（分管 ${inCharge}）` : ''}`,
    /** a department that supervises no unit, reminded of the lists it imported */
    importer: (unit: string, inCharge: string | null = null) => `${unit}${inCharge ? `（分管 ${inCharge}）` : ''}`,
    unit: (unit: string) => unit,
    onDemand: '今日汇总',
    empty: (scope: string) => `今日汇总 · ${scope}：暂无未销号隐患，今日也没有新增、销号和进度。`,
  },
  weekly: {
    /** `inChargeOf`: department name → its leader in charge, named beside the department's rate */
    render(w: WeeklySummary, now: Date, inChargeOf: ReadonlyMap<string, string> = new Map()): string {
      const rates = (title: string, list: TopList<OnTimeRate>, leaders?: ReadonlyMap<string, string>) =>
        list.items.length === 0 ? [] : [title, ...list.items.map((r) => `· ${r.name} ${r.onTime}/${r.due}（${percent(r)}）${leaders?.has(r.name) ? `｜分管 ${leaders.get(r.name)}` : ''}`), ...more(list)];
      const all = w.onTime.all;
      return [
        `【每周安全小结】${formatDate(w.week.from, now)}—${formatDate(w.week.to, now)} · 全县`,
        `新增 ${w.created.week} 项（${trend(w.created.week, w.created.previous)}）｜销号 ${w.closed.week} 项（${trend(w.closed.week, w.closed.previous)}）`,
        `当前未销号 ${w.open} 项，其中逾期 ${w.overdue.total} 项（重大 ${w.overdue.major}）`,
        all.due === 0 ? '本周无到期隐患' : `本周到期 ${all.due} 项，按期销号 ${all.onTime} 项，按期整改率 ${percent(all)}`,
        ...rates('按期率·按单位（由低到高）：', w.onTime.byUnit),
        ...rates('按期率·按监管部门（由低到高）：', w.onTime.byDepartment, inChargeOf),
      ].join('\n');
    },
  },
  schedule: {
    /** What a push sent after downtime says first. */
    late: (text: string) => `【补发】${text}`,
    /** 提醒设置: the schedule as it runs. */
    settings(s: ScheduleConfig, calendarGaps: readonly number[] = []): string {
      const quiet = s.quietHours ? `${s.quietHours.start}–${s.quietHours.end}` : '不设';
      return [
        '提醒设置',
        `· 今日提醒：每个工作日 ${s.morningTime} 每个群一条，分节列出：逾期、即将到期（到期前 ${daysText(s.remindDays)}，遇周末节假日提前到之前的工作日）、挂牌督办（列入次日和每周一）、治理方案未齐（每周一）、滚动检查（到期日起每周一次）`,
        `· 逾期：单位群逾期第一周每个工作日提醒，之后每周一；逾期超过 ${s.escalation.departmentAfterDays} 天升级到监管部门群，超过 ${s.escalation.leadersAfterDays} 天升级到领导群（领导群只在升级当天和每周一列出）；重大隐患逾期首日即报，节假日照发`,
        `· 升级到领导时${s.leaderChain.privately ? '另私聊告知' : '在领导群里 @'}名册中的分管领导；主要领导只在挂牌督办事项、重大隐患逾期超过 ${s.leaderChain.mainAfterMajorDays} 天时一并告知`,
        `· 每日汇总：每个工作日 ${s.digestTime} 发到领导群和各监管部门群（周末节假日的情况并入下一个工作日）`,
        `· 每周小结：每${WEEKDAY_NAMES[s.weekly.weekday] ?? ''} ${s.weekly.time} 发到领导群`,
        `· 免打扰：${quiet}；周末和法定节假日（按国务院安排，含调休）不推送例行提醒，顺延到下一个可推送时间`,
        ...calendarGaps.map((y) => `· 注意：日历数据尚未收录 ${y} 年的法定节假日安排，暂按周末计算；请管理员升级 chinese-days 或用 HZ_HOLIDAYS、HZ_WORKDAYS 补充`),
        '同一群每天上午只发一条例行提醒，同一隐患只列一次；停机期间错过的当天提醒在重启后补发一次，过了当天不再补发。',
        '如需调整，请管理员修改 HZ_MORNING_TIME 等配置后重启。',
      ].join('\n');
    },
  },
};

import { z } from 'zod';
import type { ScheduleConfig, WeeklyTime } from '../core/config.ts';
import type { QuietHours } from '../domain/push-window.ts';

export type { ScheduleConfig, WeeklyTime };

const TIME = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;
const OFF = new Set(['', 'off', 'none', '无', '关闭', '不设']);
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

function toTime(text: string): string | null {
  const m = TIME.exec(text.trim());
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? ''}` : null;
}

const time = (example: string) =>
  z.string().transform((text, ctx) => {
    const t = toTime(text);
    if (t) return t;
    ctx.addIssue({ code: 'custom', message: `「${text}」不是时间，要写成 24 小时制的 时:分，例：${example}` });
    return z.NEVER;
  });

const days = (max: number) =>
  z.coerce.number({ error: '要写一个整数天数，例：1' }).int('要写一个整数天数，例：1').min(0, '天数不能小于 0').max(max, `天数不能超过 ${max}`);

const dayList = z.string().transform((text, ctx) => {
  const parts = text.split(/[,，、\s]+/).filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((n) => !Number.isInteger(n) || n < 0 || n > 60)) {
    ctx.addIssue({ code: 'custom', message: `「${text}」要写成到期前的天数，用逗号分隔（0 表示到期当天），例：3,1,0` });
    return z.NEVER;
  }
  return [...new Set(values)].sort((a, b) => b - a);
});

const quietHours = z.string().transform((text, ctx): QuietHours | null => {
  if (OFF.has(text.trim().toLowerCase())) return null;
  const [start, end, ...rest] = text.split(/\s*(?:-|–|—|~|～|至|到)\s*/);
  const s = toTime(start ?? '');
  const e = toTime(end ?? '');
  if (!s || !e || rest.length > 0) {
    ctx.addIssue({ code: 'custom', message: `「${text}」要写成 开始-结束，例：21:00-08:00；不设免打扰写 off` });
    return z.NEVER;
  }
  return { start: s, end: e };
});

const weekly = z.string().transform((text, ctx): WeeklyTime => {
  const m = /^\s*(?:周|星期)?([1-7一二三四五六日天])\s+(\S+)\s*$/.exec(text);
  const weekday = m?.[1] ? (WEEKDAYS[m[1]] ?? Number(m[1])) : NaN;
  const t = toTime(m?.[2] ?? '');
  if (!t || !(weekday >= 1 && weekday <= 7)) {
    ctx.addIssue({ code: 'custom', message: `「${text}」要写成 星期 时间，例：周一 09:00 或 1 09:00` });
    return z.NEVER;
  }
  return { weekday, time: t };
});

const leaderNotice = z.string().transform((text, ctx) => {
  const t = text.trim().toLowerCase();
  if (['group', '群', '领导群'].includes(t)) return false;
  if (['private', '私聊', '私信'].includes(t)) return true;
  ctx.addIssue({ code: 'custom', message: `「${text}」要写 group（在领导群里 @ 分管领导）或 private（另外私聊告知分管领导）` });
  return z.NEVER;
});

const dateList = z.string().transform((text, ctx) => {
  const parts = text.split(/[,，、\s]+/).filter(Boolean);
  const bad = parts.find((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p) || Number.isNaN(Date.parse(p)));
  if (bad) {
    ctx.addIssue({ code: 'custom', message: `「${bad}」不是日期，要写成 2027-01-01，多个用逗号分隔` });
    return z.NEVER;
  }
  return parts;
});

/** The environment variables of the schedule, with their defaults (docs/schedule.md). */
export const scheduleEnv = {
  HZ_MORNING_TIME: time('09:00').prefault('09:00'),
  HZ_REMIND_DAYS: dayList.prefault('3,1,0'),
  HZ_ESCALATE_DEPARTMENT_DAYS: days(60).default(1),
  HZ_ESCALATE_LEADERS_DAYS: days(60).default(3),
  HZ_ESCALATE_MAIN_DAYS: days(365).default(7),
  HZ_LEADER_NOTICE: leaderNotice.prefault('group'),
  HZ_DIGEST_TIME: time('17:30').prefault('17:30'),
  HZ_WEEKLY: weekly.prefault('1 09:00'),
  HZ_QUIET_HOURS: quietHours.prefault('21:00-08:00'),
  HZ_HOLIDAYS: dateList.prefault(''),
  HZ_WORKDAYS: dateList.prefault(''),
};

type ScheduleEnv = { [K in keyof typeof scheduleEnv]: z.output<(typeof scheduleEnv)[K]> };

/** Checks that belong to several variables together; each issue names the variable to fix. */
export function checkSchedule(env: ScheduleEnv, ctx: z.RefinementCtx): void {
  if (env.HZ_ESCALATE_LEADERS_DAYS < env.HZ_ESCALATE_DEPARTMENT_DAYS) {
    ctx.addIssue({
      code: 'custom', path: ['HZ_ESCALATE_LEADERS_DAYS'],
      message: `升级到领导群的天数（${env.HZ_ESCALATE_LEADERS_DAYS}）不能少于升级到监管部门的天数（${env.HZ_ESCALATE_DEPARTMENT_DAYS}）`,
    });
  }
  const both = env.HZ_HOLIDAYS.find((d) => env.HZ_WORKDAYS.includes(d));
  if (both) ctx.addIssue({ code: 'custom', path: ['HZ_WORKDAYS'], message: `${both} 不能既是节假日又是工作日` });
}

/** The validated variables as the schedule the bot runs. */
export function toScheduleConfig(env: ScheduleEnv): ScheduleConfig {
  return {
    morningTime: env.HZ_MORNING_TIME,
    remindDays: env.HZ_REMIND_DAYS,
    escalation: { departmentAfterDays: env.HZ_ESCALATE_DEPARTMENT_DAYS, leadersAfterDays: env.HZ_ESCALATE_LEADERS_DAYS },
    leaderChain: { mainAfterMajorDays: env.HZ_ESCALATE_MAIN_DAYS, privately: env.HZ_LEADER_NOTICE },
    digestTime: env.HZ_DIGEST_TIME,
    weekly: env.HZ_WEEKLY,
    quietHours: env.HZ_QUIET_HOURS,
    holidays: env.HZ_HOLIDAYS,
    workdays: env.HZ_WORKDAYS,
  };
}

/** node-cron expression for every day at a time. */
export function dailyCron(time: string): string {
  const [h, m] = time.split(':').map(Number);
  return `${m} ${h} * * *`;
}

/** node-cron expression for one weekday (1 = Monday … 7 = Sunday) at a time. */
export function weeklyCron(weekly: WeeklyTime): string {
  const [h, m] = weekly.time.split(':').map(Number);
  return `${m} ${h} * * ${weekly.weekday % 7}`;
}

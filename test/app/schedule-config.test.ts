import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import { dailyCron, weeklyCron } from '../../src/app/schedule-config.ts';

describe('the schedule configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}).schedule).toEqual({
      morningTime: '09:00',
      remindDays: [3, 1, 0],
      escalation: { departmentAfterDays: 1, leadersAfterDays: 3 },
      leaderChain: { mainAfterMajorDays: 7, privately: false },
      digestTime: '17:30',
      weekly: { weekday: 1, time: '09:00' },
      quietHours: { start: '21:00', end: '08:00' },
      holidays: [],
      workdays: [],
    });
  });

  it('reads every variable, in the forms people write', () => {
    const schedule = loadConfig({
      HZ_MORNING_TIME: '8：30',
      HZ_REMIND_DAYS: '0，1、5',
      HZ_ESCALATE_DEPARTMENT_DAYS: '2',
      HZ_ESCALATE_LEADERS_DAYS: '5',
      HZ_ESCALATE_MAIN_DAYS: '14',
      HZ_LEADER_NOTICE: '私聊',
      HZ_DIGEST_TIME: '18:00',
      HZ_WEEKLY: '周五 16:00',
      HZ_QUIET_HOURS: '22:00～07:30',
      HZ_HOLIDAYS: '2027-01-01,2027-02-10',
      HZ_WORKDAYS: '2027-02-20',
    }).schedule;
    expect(schedule).toEqual({
      morningTime: '08:30',
      remindDays: [5, 1, 0],
      escalation: { departmentAfterDays: 2, leadersAfterDays: 5 },
      leaderChain: { mainAfterMajorDays: 14, privately: true },
      digestTime: '18:00',
      weekly: { weekday: 5, time: '16:00' },
      quietHours: { start: '22:00', end: '07:30' },
      holidays: ['2027-01-01', '2027-02-10'],
      workdays: ['2027-02-20'],
    });
  });

  it.each([['off'], ['无'], ['']])('turns quiet hours off with %j', (value) => {
    expect(loadConfig({ HZ_QUIET_HOURS: value }).schedule.quietHours).toBeNull();
  });

  it.each([
    ['HZ_DIGEST_TIME', '25:00', 'HZ_DIGEST_TIME: 「25:00」不是时间'],
    ['HZ_REMIND_DAYS', '3,一', 'HZ_REMIND_DAYS: 「3,一」要写成到期前的天数'],
    ['HZ_ESCALATE_DEPARTMENT_DAYS', '-1', 'HZ_ESCALATE_DEPARTMENT_DAYS: 天数不能小于 0'],
    ['HZ_ESCALATE_LEADERS_DAYS', '0', 'HZ_ESCALATE_LEADERS_DAYS: 升级到领导群的天数（0）不能少于升级到监管部门的天数（1）'],
    ['HZ_LEADER_NOTICE', '短信', 'HZ_LEADER_NOTICE: 「短信」要写 group（在领导群里 @ 分管领导）或 private（另外私聊告知分管领导）'],
    ['HZ_QUIET_HOURS', '21点到8点', 'HZ_QUIET_HOURS: 「21点到8点」要写成 开始-结束'],
    ['HZ_WEEKLY', '周八 09:00', 'HZ_WEEKLY: 「周八 09:00」要写成 星期 时间'],
    ['HZ_HOLIDAYS', '2027/01/01', 'HZ_HOLIDAYS: 「2027/01/01」不是日期'],
  ])('refuses %s=%s with a Chinese message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
    expect(() => loadConfig({ [name]: value })).toThrow(/^配置有误：/);
  });

  it('turns times into node-cron expressions', () => {
    expect(dailyCron('17:30')).toBe('30 17 * * *');
    expect(weeklyCron({ weekday: 1, time: '09:00' })).toBe('0 9 * * 1');
    expect(weeklyCron({ weekday: 7, time: '08:05' })).toBe('5 8 * * 0');
  });
});

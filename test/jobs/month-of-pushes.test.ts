import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedDelivery } from '../../src/channels/recording-channel.ts';
import { isoLocal, localDate } from '../../src/domain/calendar.ts';
import { officialCalendar } from '../../src/domain/work-calendar.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { playMonth, pushTo } from '../helpers/month-scenario.ts';

/** Scheduled pushes by title: the morning's routine kinds, the urgent one, the evening and weekly reports. */
const MORNING = /^(【补发】)?【(今日提醒|到期提醒|逾期提醒|挂牌督办提醒|治理方案提醒|滚动检查)】/;
const URGENT = /^(【补发】)?【重大隐患逾期】/;
const REPORTS = /^(【补发】)?【(每日安全汇总|每周安全小结)】/;
const calendar = officialCalendar();

let chat: Chat;
let pushes: RecordedDelivery[];
beforeAll(async () => {
  chat = await createChat({ at: '2026-11-30 08:00' });
  await playMonth(chat);
  pushes = chat.channel.sent.filter((d) => d.kind === 'push' && (MORNING.test(d.text) || URGENT.test(d.text) || REPORTS.test(d.text)));
}, 600_000);
afterAll(async () => {
  await chat.close();
});

const day = (d: RecordedDelivery) => localDate(d.at);

describe('a month of pushes in the demo county (issue #11)', () => {
  it('prints the per-group counts', () => {
    const groups = [...new Set(pushes.map(pushTo))];
    const rows = groups.map((g) => {
      const mine = pushes.filter((d) => pushTo(d) === g);
      const routine = mine.filter((d) => MORNING.test(d.text));
      const days = new Set(routine.map(day));
      const maxPerDay = Math.max(0, ...[...days].map((x) => routine.filter((d) => day(d) === x).length));
      return `| ${g} | ${routine.length} | ${days.size} | ${maxPerDay} | ${mine.filter((d) => URGENT.test(d.text)).length} | ${mine.filter((d) => REPORTS.test(d.text)).length} | ${mine.length} |`;
    });
    console.log(['| group | routine morning pushes | days with one | most in one day | urgent | digests+weekly | all |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
    expect(pushes.length).toBeGreaterThan(0);
  });

  it('sends at most one routine push per group per working morning, and none on rest days but a major hazard’s first overdue day', () => {
    const perGroupDay = new Map<string, number>();
    // a long push arrives in parts (【今日提醒】（续1）): one push, however many parts
    for (const d of pushes.filter((p) => MORNING.test(p.text) && !/（续\d+）$/.test(p.text.split('\n')[0] ?? ''))) {
      expect(calendar.isWorkingDay(day(d)), `${pushTo(d)} ${day(d)}`).toBe(true);
      expect(isoLocal(d.at).slice(11, 16)).toBe('09:00');
      const key = `${pushTo(d)} ${day(d)}`;
      perGroupDay.set(key, (perGroupDay.get(key) ?? 0) + 1);
    }
    expect([...perGroupDay].filter(([, n]) => n > 1)).toEqual([]);
    const urgent = pushes.filter((p) => URGENT.test(p.text));
    expect(urgent.length).toBeGreaterThan(0);
    for (const d of urgent) {
      expect(calendar.isWorkingDay(day(d))).toBe(false);
      // every line is a major hazard on its first overdue day
      for (const line of d.text.split('\n').filter((l) => /^\d+\. /.test(l))) expect(line).toMatch(/【重大】.*逾期1天/);
    }
  });

  it('names no hazard twice in one group on one day', () => {
    const seen = new Map<string, number>();
    for (const d of pushes.filter((p) => MORNING.test(p.text) || URGENT.test(p.text))) {
      for (const line of d.text.split('\n').filter((l) => /^\d+\. /.test(l))) {
        const key = `${pushTo(d)} ${day(d)} ${/YH-\d{4}/.exec(line)?.[0]}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
  });

  it('counts days as of the moment the push is sent', () => {
    let checked = 0;
    for (const d of pushes.filter((p) => MORNING.test(p.text) || URGENT.test(p.text))) {
      const sentOn = day(d);
      for (const line of d.text.split('\n')) {
        const deadline = /时限 12月(\d+)日，已逾期(\d+)天/.exec(line);
        if (deadline) {
          expect(Number(deadline[2]), line).toBe(daysFrom(`2026-12-${deadline[1]!.padStart(2, '0')}`, sentOn));
          checked += 1;
        }
        const left = /12月(\d+)日到期（剩(\d+)天）/.exec(line);
        if (left) {
          expect(Number(left[2]), line).toBe(daysFrom(sentOn, `2026-12-${left[1]!.padStart(2, '0')}`));
          checked += 1;
        }
      }
      expect(d.text.startsWith('【补发】')).toBe(false);
    }
    expect(checked).toBeGreaterThan(50);
  });
});

const daysFrom = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

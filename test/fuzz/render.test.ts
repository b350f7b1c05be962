import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLocal } from '../../src/domain/calendar.ts';
import type { HazardEvent, HazardEventType, HazardView } from '../../src/domain/types.ts';
import { byteLength, inline, inlineMarkdown, LONG_REPLY_BYTES, MARKDOWN_LIMIT_BYTES, neutralize, TEXT_LIMIT_BYTES } from '../../src/i18n/fit.ts';
import { zh } from '../../src/i18n/zh-CN.ts';
import { FORGED, userWords } from './arbitraries.ts';

// Whatever a user wrote into a hazard, the replies that show it keep their layout (a list row
// stays one row, a detail keeps its labelled lines), fit the platform's limit, and mention
// nobody: only the bot's own mentions list, never the text, can reach people.

const RUNS = { numRuns: 300, seed: 6 };
const now = atLocal('2026-12-01 09:00');

/** Characters that would break or flip a line. */
const LINE_BREAKERS = /[\r\u000B\u000C\u0085\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

const rosterName = fc.constantFrom('红星化工', '实验小学', '城南建筑工地', '张伟', '李四', '钱经理', '应急管理局');
const date = fc.constantFrom('2026-11-20', '2026-12-01', '2026-12-15', '2027-01-31', '2028-02-29');

const hazard: fc.Arbitrary<HazardView> = fc
  .record({
    n: fc.integer({ min: 1, max: 9999 }), description: userWords, location: fc.option(userWords), measures: fc.option(userWords),
    extensionReason: fc.option(userWords), unitName: rosterName, ownerName: rosterName, reporterName: rosterName,
    deadline: date, status: fc.constantFrom('registered', 'rectifying', 'pending_review', 'closed' as const),
    level: fc.constantFrom('general', 'major' as const), supervised: fc.boolean(), progress: fc.integer({ min: 0, max: 100 }),
  })
  .map((h) => ({
    id: h.n, code: `YH-${String(h.n).padStart(4, '0')}`, description: h.description, location: h.location, category: '危化品', level: h.level,
    unitId: 1, reporterId: 1, ownerId: 2, measures: h.measures, deadline: h.deadline, originalDeadline: '2026-12-15', status: h.status,
    progress: h.progress, progressAt: null, sourceGroupId: null, source: 'other' as const, sourceBody: null, sourceDate: null, campaignId: null, extensionTo: h.extensionReason ? '2026-12-30' : null, extensionReason: h.extensionReason,
    supervised: h.supervised, supervisingLeader: null, plan: {}, createdAt: now, closedOn: h.status === 'closed' ? '2026-12-01' : null,
    unitName: h.unitName, unitCredit: [], unitEnforcement: { suspension: null, closedOn: null }, unitSupervisorId: 3, ownerName: h.ownerName, reporterName: h.reporterName,
  }));

const event: fc.Arbitrary<HazardEvent> = fc
  .record({ id: fc.nat(), type: fc.constantFrom<HazardEventType>('created', 'progress', 'submitted', 'rejected', 'extension_requested'), text: userWords, files: fc.nat({ max: 3 }) })
  .map((e) => ({
    id: e.id, hazardId: 1, type: e.type, actorId: 1, actorName: '张伟', at: now, text: e.text, data: e.type === 'progress' ? { progress: 50 } : {},
    attachments: Array.from({ length: e.files }, () => ({ name: 'x.jpg', mime: 'image/jpeg', size: 1, sha256: 'a', path: 'p' })),
  }));

function expectSafe(text: string, limit = TEXT_LIMIT_BYTES): void {
  expect(byteLength(text)).toBeLessThanOrEqual(limit);
  expect(text).not.toMatch(FORGED);
  expect(text).not.toMatch(LINE_BREAKERS);
}

describe('user text inside replies', () => {
  it('a list keeps one row per hazard, fits one long reply and forges no mention', () => {
    fc.assert(
      fc.property(fc.array(hazard, { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 500 }), (items, more) => {
        const total = items.length + more;
        const text = zh.list.render(zh.list.overdue, items, total, now);
        expectSafe(text, LONG_REPLY_BYTES);
        const [title, ...rows] = text.split('\n');
        expect(title).toBe(`逾期隐患（共 ${total} 项）`);
        const shown = rows.filter((r) => !r.startsWith('……'));
        shown.forEach((row, i) => expect(row.startsWith(`${i + 1}. ${items[i]?.code} `), row).toBe(true));
        expect(shown.length).toBeGreaterThanOrEqual(Math.min(items.length, 8)); // long lists still show a useful number of rows
        if (shown.length < total) expect(rows.at(-1)).toBe(`……等 ${total} 项，仅列前 ${shown.length} 项`);
      }),
      RUNS,
    );
  });

  it('a detail keeps its labelled lines, fits one message, and keeps the latest history', () => {
    const LABELS = /^(YH-\d{4} 【|督办领导：|来源：|治理方案：|  \S+：|证据材料（|  \d+\. \d+月\d+日 |单位：|隐患：|位置：|类别：|责任人：|措施：|时限：|延期申请：|状态：|登记人：|处理记录：|  \d+月\d+日 \d\d:\d\d |  ……较早的 \d+ 条记录从略)/;
    fc.assert(
      fc.property(hazard, fc.array(event, { maxLength: 60 }), (h, events) => {
        const text = zh.hazard.detail(h, events, now);
        expectSafe(text);
        for (const line of text.split('\n')) expect(line, line).toMatch(LABELS);
        if (events.length > 0 && !text.includes('条记录从略')) expect(text.split('\n').filter((l) => /^  \d+月\d+日 \d\d:\d\d /.test(l))).toHaveLength(events.length);
      }),
      RUNS,
    );
  });

  it('echoes of a registration, a review and an extension fit and forge nothing', () => {
    fc.assert(
      fc.property(hazard, userWords, (h, reason) => {
        for (const text of [
          zh.register.created(h, now), zh.review.accepted(h), zh.review.rejected(h, reason), zh.extension.requested(h, '应急管理局', now),
          zh.extension.denied(h, reason, now), zh.register.ask.ownerUnknown(reason), zh.register.ask.unitUnknown(reason),
          zh.register.ask.deadlineUnreadable(reason), zh.common.unknownSender(reason), zh.config.unitUnknown(reason), zh.list.group(reason),
        ]) expectSafe(text);
      }),
      RUNS,
    );
  });

  it('inline text is one line without forged mentions; markdown inline has no control characters', () => {
    fc.assert(
      fc.property(userWords, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const one = inline(text, max);
        expect(Array.from(one).length).toBeLessThanOrEqual(max);
        expect(one).not.toMatch(/\n/);
        expectSafe(one, MARKDOWN_LIMIT_BYTES * 10);
        expect(inlineMarkdown(text, max)).not.toMatch(/[*_`#[\]<>|~\\]/);
        expect(neutralize(neutralize(text))).toBe(neutralize(text));
      }),
      RUNS,
    );
  });
});

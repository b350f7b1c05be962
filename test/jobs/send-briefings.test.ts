import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat } from '../helpers/chat.ts';
import { G } from '../helpers/hazards.ts';
import { q4Scenario } from '../helpers/q4-scenario.ts';
import { runJob } from './helpers.ts';
import { defaultGovernance } from '../../src/app/config.ts';
import { sendMonthlyBriefing, sendQuarterlyBriefing } from '../../src/jobs/send-briefings.ts';

let chat: Chat;
beforeAll(async () => {
  chat = await q4Scenario(); // the clock stands at 2027-01-02 10:00
});
afterAll(async () => {
  await chat.close();
});

describe('scheduled briefings', () => {
  it('brief the month just ended to the leaders group', async () => {
    const messages = await runJob(chat, sendMonthlyBriefing(defaultGovernance()), true);
    expect(messages.map((m) => [m.to, m.dedupeKey, m.extra])).toEqual([[G.leaders, expect.stringMatching(/^briefing:month:2026-12-01:g\d+$/), { title: '2026年12月通报', card: expect.objectContaining({ title: '2026年12月通报 · 全县' }) }]]);
    expect(messages[0]?.text.split('\n')[0]).toBe('【通报】2026年12月全县安全隐患排查整治情况（截至2026年12月31日）');
  });

  it('brief the quarter just ended, with the filing reminder', async () => {
    const [message] = await runJob(chat, sendQuarterlyBriefing(defaultGovernance()));
    expect(message?.dedupeKey).toMatch(/^briefing:quarter:2026-10-01:g\d+$/);
    expect(message?.text).toContain('【通报】2026年第四季度全县安全隐患排查整治情况（截至2026年12月31日）');
    expect(message?.text).toContain('各单位请于1月15日前报送2026年第四季度隐患排查治理统计表');
  });
});

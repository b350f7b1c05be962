import { describe, expect, it } from 'vitest';
import { takeWrittenSource } from '../../src/parse/written-source.ts';

const CAMPAIGNS = ['危化品安全专项整治', '校园消防专项整治'];

describe('the source written in a registration (#15 item 1)', () => {
  it.each([
    ['红星化工 储罐区呼吸阀损坏，来源：群众举报，责任人张伟', '红星化工 储罐区呼吸阀损坏，责任人张伟', { source: 'public_report' }],
    ['红星化工 储罐区呼吸阀损坏 来源督查反馈 责任人张伟', '红星化工 储罐区呼吸阀损坏 责任人张伟', { source: 'inspection' }],
    ['红星化工 储罐区呼吸阀损坏 来源举报责任人张伟', '红星化工 储罐区呼吸阀损坏责任人张伟', { source: 'public_report' }],
    ['实验小学 消防栓无水 专项整治：校园消防专项整治 责任人李四', '实验小学 消防栓无水 责任人李四', { source: 'campaign', campaign: '校园消防专项整治' }],
    ['红星化工 危化品安全专项整治 储罐区呼吸阀损坏', '红星化工 储罐区呼吸阀损坏', { source: 'campaign', campaign: '危化品安全专项整治' }],
  ])('%s', (text, rest, source) => {
    expect(takeWrittenSource(text, CAMPAIGNS)).toEqual({ rest, source });
  });

  it.each([
    ['红星化工 储罐区呼吸阀损坏，来源：督查反馈（省安委会第三督查组，11月28日），责任人张伟，12月15日前', '红星化工 储罐区呼吸阀损坏，责任人张伟，12月15日前', { source: 'inspection', body: '省安委会第三督查组', date: '2026-11-28' }],
    ['红星化工 储罐区呼吸阀损坏 来源：督查反馈 市安委会第二督导组 2026年11月20日 责任人张伟 12月15日前', '红星化工 储罐区呼吸阀损坏 责任人张伟 12月15日前', { source: 'inspection', body: '市安委会第二督导组', date: '2026-11-20' }],
    ['红星化工 储罐区呼吸阀损坏 来源：督查 (县政府暗访，12月1日) 责任人张伟', '红星化工 储罐区呼吸阀损坏 责任人张伟', { source: 'inspection', body: '县政府暗访', date: '2026-12-01' }],
    // a day in the past year when it would be ahead of today
    ['红星化工 储罐区呼吸阀损坏 来源督查反馈（省督查组 12月28日） 责任人张伟', '红星化工 储罐区呼吸阀损坏 责任人张伟', { source: 'inspection', body: '省督查组', date: '2025-12-28' }],
  ])('the inspecting body and day of a 督查反馈: %s', (text, rest, source) => {
    expect(takeWrittenSource(text, CAMPAIGNS, '2026-12-02')).toEqual({ rest, source });
  });

  it('leaves a text without a source as it is', () => {
    expect(takeWrittenSource('红星化工 储罐区呼吸阀损坏 责任人张伟', CAMPAIGNS)).toEqual({ rest: '红星化工 储罐区呼吸阀损坏 责任人张伟' });
  });
});

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

  it('leaves a text without a source as it is', () => {
    expect(takeWrittenSource('红星化工 储罐区呼吸阀损坏 责任人张伟', CAMPAIGNS)).toEqual({ rest: '红星化工 储罐区呼吸阀损坏 责任人张伟' });
  });
});

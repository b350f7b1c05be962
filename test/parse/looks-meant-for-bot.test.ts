import { describe, expect, it } from 'vitest';
import { looksMeantForBot } from '../../src/parse/looks-meant-for-bot.ts';
import { normalizeText } from '../../src/parse/normalize.ts';
import { commands } from '../../commands/index.ts';

const meant = (text: string, options = {}) => looksMeantForBot(normalizeText(text), options);

describe('looksMeantForBot (#10 "The rule")', () => {
  it.each([
    ['@隐患清零 这个怎么用', 'mention', { botNames: ['隐患清零'] }],
    ['这个怎么用', 'mention', { mentionsBot: true }],
    ['YH-0012 已经换好了', 'code', {}],
    ['0010进度20%', 'command', { commands }],
    ['帮助', 'command', { commands }],
    ['关于YH-0012的情况我再核实', 'code', {}],
    ['呼吸阀已经换好了，进度80%', 'ledger', {}],
    ['红星化工还有几个隐患没整改？', 'ledger', {}],
    ['这周有哪些快到期的隐患', 'ledger', {}],
    ['重大隐患', 'ledger', {}],
    ['待验收', 'ledger', {}],
    ['进度怎么样了', 'ledger', {}],
    ['今天去红星化工检查发现两个问题一是配电室门口堆放杂物二是灭火器过期', 'findings', {}],
  ] as const)('%s → meant (%s)', (text, why, options) => {
    expect(meant(text, options)).toEqual({ meant: true, why });
  });

  it.each([
    '收到', '好的', '辛苦了', '收到，马上处理', '好的👍', '谢谢', '[强]', '', '大家好', '明天开会', '请各单位注意安全',
    'YH-0012 好的', 'YH-0012 收到', 'YH-0008、YH-0012 收到', '0800开会', '0571 88886666',
    '延期的事明天说',
    '各单位要高度重视隐患排查整治工作',
    '明天上午九点召开隐患整改调度会，请各单位参加',
  ])('%s → chat', (text) => {
    expect(meant(text, { commands })).toEqual({ meant: false, why: 'chat' });
  });
});

import { describe, expect, it } from 'vitest';
import { commandForBareCode, commands } from '../../commands/index.ts';
import { normalizeText } from '../../src/parse/normalize.ts';
import { parseRegistration } from '../../src/parse/parse-registration.ts';
import { routeMessage } from '../../src/parse/route.ts';

/** As the pipeline does: normalize, then route against the real command list. */
const route = (text: string) => {
  const routed = routeMessage(normalizeText(text), commands, commandForBareCode);
  return routed && { command: routed.command.name, code: routed.code, rest: routed.rest };
};

type Row = [text: string, command: string, code: string | null, rest: string];

const withCode: Row[] = [
  ['YH-0012 进度60% 已更换阀门，等待检测', '进度', 'YH-0012', '60% 已更换阀门，等待检测'],
  ['yh-12 进度 60%', '进度', 'YH-0012', '60%'],
  ['YH0012进度60%', '进度', 'YH-0012', '60%'],
  ['YH 12 进度60%', '进度', 'YH-0012', '60%'],
  ['yh-0012 进度百分之六十', '进度', 'YH-0012', '百分之六十'],
  ['YH-0012 整改进度 80%', '进度', 'YH-0012', '80%'],
  ['YH-0012 进展：已拆除旧阀门', '进度', 'YH-0012', '已拆除旧阀门'],
  ['进度 YH-0012 60%', '进度', 'YH-0012', '60%'],
  // the keyword later in the message
  ['YH-0012 已更换阀门，进度80%', '进度', 'YH-0012', '已更换阀门，80%'],
  ['YH-0012 已更换阀门 进度80%', '进度', 'YH-0012', '已更换阀门 80%'],
  ['ＹＨ－００１２ 整改完成 请验收', '整改完成', 'YH-0012', '请验收'],
  ['YH-0012，整改完成', '整改完成', 'YH-0012', ''],
  ['YH-0012 已整改完毕，请验收', '整改完成', 'YH-0012', '请验收'],
  ['YH-0012 请验收', '整改完成', 'YH-0012', ''],
  ['YH-0012 验收通过', '验收通过', 'YH-0012', ''],
  ['YH-0012 验收合格', '验收通过', 'YH-0012', ''],
  ['验收通过 YH-0012', '验收通过', 'YH-0012', ''],
  ['YH-0012 驳回 呼吸阀型号不符', '驳回', 'YH-0012', '呼吸阀型号不符'],
  ['YH-0012 验收不通过 还有油渍', '驳回', 'YH-0012', '还有油渍'],
  ['YH-0012 退回，重新整改', '驳回', 'YH-0012', '重新整改'],
  ['YH-0012 申请延期到12月30日 原因：配件未到货', '申请延期', 'YH-0012', '到12月30日 原因:配件未到货'],
  ['YH-0012 延期到12月30日', '申请延期', 'YH-0012', '到12月30日'],
  ['YH-0012延期申请 12月30日', '申请延期', 'YH-0012', '12月30日'],
  ['延期 YH-0012 到12月30日', '申请延期', 'YH-0012', '到12月30日'],
  ['YH-0012 批准延期', '批准延期', 'YH-0012', ''],
  ['YH-0012 同意延期', '批准延期', 'YH-0012', ''],
  ['YH-0012 不予延期 配件可调货', '不予延期', 'YH-0012', '配件可调货'],
  // the longer keyword wins: 驳回延期 is a denied extension, not a rejected fix
  ['驳回延期 YH-0012', '不予延期', 'YH-0012', ''],
  ['YH-0012 驳回延期 配件可调货', '不予延期', 'YH-0012', '配件可调货'],
  ['不同意延期 YH-0012 配件可调货', '不予延期', 'YH-0012', '配件可调货'],
  ['查询 YH-0012', '查询', 'YH-0012', ''],
  ['查询YH-0012', '查询', 'YH-0012', ''],
  ['查询 yh12', '查询', 'YH-0012', ''],
  ['查看 YH-0012', '查询', 'YH-0012', ''],
  // a code alone, or a question about it, shows it
  ['YH-0012', '查询', 'YH-0012', ''],
  ['ＹＨ－００１２', '查询', 'YH-0012', ''],
  ['YH-0012？', '查询', 'YH-0012', '？'],
  ['YH-0012 怎么样了？', '查询', 'YH-0012', '怎么样了？'],
];

const withoutCode: Row[] = [
  ['我的隐患', '我的隐患', null, ''],
  ['我的隐患呢', '我的隐患', null, '呢'],
  ['逾期隐患', '逾期隐患', null, ''],
  ['逾期', '逾期隐患', null, ''],
  ['本群隐患', '本群隐患', null, ''],
  ['帮助', '帮助', null, ''],
  ['help', '帮助', null, ''],
  ['菜单', '帮助', null, ''],
  ['取消', '取消', null, ''],
  ['登记隐患：XX化工储罐区呼吸阀损坏，重大隐患，责任人@张三，12月15日前整改完毕', '登记隐患', null, 'XX化工储罐区呼吸阀损坏，重大隐患，责任人@张三，12月15日前整改完毕'],
  ['登记隐患\n单位：红星化工\n隐患：储罐区呼吸阀损坏', '登记隐患', null, '单位:红星化工\n隐患:储罐区呼吸阀损坏'],
  ['登记隐患红星化工储罐区呼吸阀损坏', '登记隐患', null, '红星化工储罐区呼吸阀损坏'],
  ['新增隐患 城关镇 实验小学 消防通道被占用 责任人 李四 期限3天', '登记隐患', null, '城关镇 实验小学 消防通道被占用 责任人 李四 期限3天'],
  ['发现隐患：红星化工呼吸阀损坏', '登记隐患', null, '红星化工呼吸阀损坏'],
  ['登记 红星化工储罐区呼吸阀损坏', '登记隐患', null, '红星化工储罐区呼吸阀损坏'],
  ['登记：红星化工储罐区呼吸阀损坏', '登记隐患', null, '红星化工储罐区呼吸阀损坏'],
];

const chat: string[] = [
  '大家好',
  '今天检查发现的问题我整理一下',
  '收到',
  '好的',
  '好的 YH',
  '明天开会',
  '谢谢',
  '请各单位注意安全',
  // everyday words that are also short keywords
  '登记一下这个问题',
  '进度怎么样了',
  '延期的事明天说',
  '查看一下',
  '取消明天的会',
  '帮助我看看',
  // a code with an acknowledgement is not a request
  'YH-0012 好的',
  'YH-0012 收到，马上处理',
  // a code not leading the message and no keyword
  '关于YH-0012的情况我再核实',
];

/** #10 items 2 and 11: several codes, code variants, tags, findings without a keyword. */
const variants: Array<[text: string, command: string, codes: string[], rest: string]> = [
  ['YH-0008、YH-0012 已整改完毕请验收', '整改完成', ['YH-0008', 'YH-0012'], '请验收'],
  ['YH-0002 YH-0008 验收通过', '验收通过', ['YH-0002', 'YH-0008'], ''],
  ['YH-0002和YH-0008验收通过', '验收通过', ['YH-0002', 'YH-0008'], ''],
  ['验收通过 YH-0002、YH-0008、yh9', '验收通过', ['YH-0002', 'YH-0008', 'YH-0009'], ''],
  ['YH-0002,YH-0002 进度50%', '进度', ['YH-0002'], '50%'],
  ['0010进度20%', '进度', ['YH-0010'], '20%'],
  ['0010 进度20% 已清理一半', '进度', ['YH-0010'], '20% 已清理一半'],
  ['yh-0012 通过', '验收通过', ['YH-0012'], ''],
  ['YH-0012 通过，可以销号', '验收通过', ['YH-0012'], '可以销号'],
  ['YH-0012 合格', '验收通过', ['YH-0012'], ''],
  ['YH-0012 整改不通过 现场仍有油污', '驳回', ['YH-0012'], '现场仍有油污'],
  ['YH-0012 验收没通过，灭火器还是过期的', '驳回', ['YH-0012'], '灭火器还是过期的'],
  ['【转发】YH-0001 进度 30%', '进度', ['YH-0001'], '30%'],
  ['[转发] YH-0001 进度 30%', '进度', ['YH-0001'], '30%'],
  ['转发：YH-0001 整改完成 请验收', '整改完成', ['YH-0001'], '请验收'],
  // the bot's own example copied with its 「」 (回复「YH-0001 进度60% 已做的工作」), or put in quotes
  ['「YH-0001 进度60% 已更换阀门」', '进度', ['YH-0001'], '60% 已更换阀门'],
  ['“YH-0001 整改完成 请验收”', '整改完成', ['YH-0001'], '请验收'],
  ['"YH-0001 进度 55%"', '进度', ['YH-0001'], '55%'],
  ['#隐患 红星化工 配电室门口堆放杂物 责任人张伟 3天内', '登记隐患', [], '红星化工 配电室门口堆放杂物 责任人张伟 3天内'],
  ['【隐患】蓝天物流叉车未年检，责任人钱经理，12月20日前', '登记隐患', [], '蓝天物流叉车未年检，责任人钱经理，12月20日前'],
  ['#隐患登记# 红星化工 灭火器过期', '登记隐患', [], '红星化工 灭火器过期'],
  ['【整改进度】YH-0001 60%', '进度', ['YH-0001'], '60%'],
  ['#YH-0012 进度60%', '进度', ['YH-0012'], '60%'],
  ['【YH-0012】进度60%', '进度', ['YH-0012'], '60%'],
  ['YH一0012 进度60%', '进度', ['YH-0012'], '60%'],
  ['【重要】登记隐患 红星化工 灭火器过期', '登记隐患', [], '红星化工 灭火器过期'],
  ['今天去红星化工检查发现两个问题一是配电室门口堆放杂物二是灭火器过期', '登记隐患', [], '今天去红星化工检查发现两个问题一是配电室门口堆放杂物二是灭火器过期'],
  ['昨天暗访蓝天物流，发现：1.叉车未年检 2.消防通道堵塞', '登记隐患', [], '昨天暗访蓝天物流，发现:1.叉车未年检 2.消防通道堵塞'],
];

const stillChat: string[] = [
  '0010',
  '0571 88886666',
  '0800开会',
  '通过',
  '通过了吗',
  'YH-0012 通过了消防检测的那个事',
  'YH-0012 合格证已更新',
  '检查发现的问题都整改了吗？',
  '上次督查发现的问题均已整改到位',
  '今天检查发现的问题明天再说',
  '#收到',
];

describe('routeMessage with the real commands', () => {
  it.each(variants)('%s → %s %j', (text, command, codes, rest) => {
    const routed = routeMessage(normalizeText(text), commands, commandForBareCode);
    expect(routed && { command: routed.command.name, codes: routed.codes, code: routed.code, rest: routed.rest }).toEqual({ command, codes, code: codes[0] ?? null, rest });
  });

  it.each(stillChat)('%s is still chat', (text) => {
    expect(route(text)).toBeNull();
  });

  it('tells the codes addressed from codes only mentioned, and keeps the tags', () => {
    const routed = routeMessage(normalizeText('【转发】YH-0012 驳回 同YH-0008一样型号不符'), commands, commandForBareCode);
    expect(routed).toMatchObject({ codes: ['YH-0012'], otherCodes: ['YH-0008'], tags: ['转发'] });
  });

  it.each(withCode)('%s → %s %s', (text, command, code, rest) => {
    expect(route(text)).toEqual({ command, code, rest });
  });

  it.each(withoutCode)('%s → %s', (text, command, code, rest) => {
    expect(route(text)).toEqual({ command, code, rest });
  });

  it.each(chat)('%s is chat', (text) => {
    expect(route(text)).toBeNull();
  });

  it('hands the registration text to the parser as the pipeline does', () => {
    const routed = route('登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕');
    const fields = parseRegistration(routed?.rest ?? '', { now: new Date('2026-12-01T01:00:00Z'), unitNames: ['红星化工'] });
    expect(fields).toEqual({ units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' });
  });
});

import fc from 'fast-check';

// Input for the fuzz tests: real messages (DOMAIN.md's and the commands' usages), mutated, and
// hostile text of every kind a chat group produces or an attacker types.

/** A forged mention any platform would act on, in a text the bot sends. */
export const FORGED = /@\s*(?:所有人|全体成员|all\b|everyone\b|here\b)|<\s*(?:@|at\b)/iu;

/** Messages as people really write them. */
export const REAL_MESSAGES = [
  '登记隐患：XX化工储罐区呼吸阀损坏，重大隐患，责任人@张三，12月15日前整改完毕',
  '登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕',
  '新增隐患 城关镇 实验小学 消防通道被占用 责任人 李四 期限3天',
  '登记隐患\n单位：红星化工\n隐患：仓库灭火器过期\n责任人：张伟\n整改措施：更换灭火器\n整改时限：本月底',
  '应急管理局检查发现：蓝天物流 仓库堆放杂物堵塞安全出口，责任人钱经理，5个工作日内',
  'YH-0001 进度60% 已更换阀门，等待检测',
  'YH-0002 已换阀门，进度80%',
  'YH-0001 整改完成 请验收',
  'YH-0001 验收通过',
  'YH-0001 驳回 呼吸阀型号不符',
  'YH-0003 申请延期到12月30日 原因：配件未到货',
  'YH-0003 批准延期',
  'YH-0003 不予延期 可调货',
  '查询 YH-0001',
  'YH-0004',
  '我的隐患',
  '本群隐患',
  '逾期隐患',
  '帮助',
  '帮助 进度',
  '取消',
  '绑定本群 红星化工',
  '设为领导群',
  '添加人员 周七 红星化工 联系人',
  '设置角色 张伟 监管部门',
  '十二月十五日前',
  '张伟',
  '下周五前',
] as const;

/** Text that has broken chat bots before. */
export const HOSTILE = [
  "'; DROP TABLE Hazard; --",
  "YH-0001' OR '1'='1",
  'YH-0001; DELETE FROM HazardEvent',
  '" OR 1=1 --',
  'Robert\'); DROP TABLE Person;--',
  '%s%s%s%n',
  '${process.exit()}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  '@所有人 紧急通知',
  '@all',
  '@ALL 请注意',
  '＠所有人',
  '@ 所有人',
  '<@all>',
  '<@U12345>',
  '<at user_id="@all">所有人</at>',
  '<at id=all></at>',
  '# 标题\n## 二级\n> 引用',
  '**加粗** _斜体_ ~~删除~~ `代码`',
  '[点我](http://evil.example/phish) ![图](http://evil.example/x.png)',
  '<font color="warning">红字</font>',
  '| a | b |\n|---|---|',
  '- 列表\n* 列表\n1. 列表',
  '\u202E反转文字\u202C',
  '\u2028第二行\u2029第三段\u0085下一行',
  '\u0000\u0001\u0007\u001B[31m红\u001B[0m',
  '\u200B\u200C\u200D\uFEFF',
  '👨‍👩‍👧‍👦🏳️‍🌈🇨🇳😀',
  'Z̷̢̛̭͎̰̲̖͉a̴̧̛l̸g̶o̷',
  'ﷺ ꧅ 𒐫 𒈙',
  '\uD800 lone surrogate \uDFFF',
  'مرحبا עברית English 中文 日本語 한국어',
  'ＹＨ－００１２　进度６０％',
  'YH-9999999 进度50%',
  'YH-0 进度50%',
  'YH-0001 进度150%',
  'YH-0001 进度-5%',
  'YH-0001 进度1e309%',
  'YH-0001 进度百分之一千',
  'YH-0001 进度99999%',
  'YH-0001 申请延期到13月45日 原因：测试',
  'YH-0001 申请延期到2026年2月30日 原因：测试',
  'YH-0001 申请延期到9999年12月31日 原因：测试',
  '登记隐患：红星化工 阀门坏了 责任人@张伟 0月0日前',
  '登记隐患：红星化工 阀门坏了 责任人@张伟 99999天内',
  '登记隐患：红星化工 阀门坏了 责任人@张伟 -3天内',
  '登记隐患：红星化工 阀门坏了 责任人@张伟 32号前',
] as const;

/** A huge text: a long run of one piece, up to twice the pipeline's 4,000-character cut. */
export const hugeText = fc
  .tuple(fc.constantFrom('隐', 'a', '😀', '\n', '@所有人 ', '登记隐患 ', '，'), fc.integer({ min: 500, max: 8000 }))
  .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)));

/** Deadline phrases in every form people use, with numbers in and out of range. */
export const datePhrase: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 35 }), fc.constantFrom('日', '号', '日前', '日之前', '日内', '日为止', '日前整改完毕')).map(([m, d, s]) => `${m}月${d}${s}`),
  fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 35 })).map(([y, m, d]) => `${y}年${m}月${d}日前`),
  fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 35 }), fc.constantFrom('-', '/', '.')).map(([y, m, d, sep]) => `${y}${sep}${String(m).padStart(2, '0')}${sep}${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 35 }), fc.constantFrom('.', '/')).map(([m, d, sep]) => `${m}${sep}${d}前`),
  fc.tuple(fc.constantFrom('一', '二', '三', '十', '十二', '十一', '十三', '二十'), fc.constantFrom('一', '五', '十五', '二十', '三十', '三十一', '三十二', '九十九')).map(([m, d]) => `${m}月${d}日前`),
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('天内', '日内', '个工作日内', '周内', '个星期内', '个月内', '天')).map(([n, u]) => `${n}${u}`),
  fc.tuple(fc.constantFrom('期限', '限期', '时限：', '期限为'), fc.constantFrom('3', '五', '十', '半', '0', '100'), fc.constantFrom('天', '个工作日', '周', '个月')).map(([k, n, u]) => `${k}${n}${u}`),
  fc.constantFrom('今天', '明天', '后天', '大后天', '今晚', '明早', '当天', '半个月内', '尽快', '立即整改'),
  fc.tuple(fc.constantFrom('', '本', '这', '下', '下下', '这个'), fc.constantFrom('周', '星期', '礼拜'), fc.constantFrom('一', '二', '三', '四', '五', '六', '日', '天', '内')).map(([a, b, c]) => `${a}${b}${c}前`),
  fc.constantFrom('月底', '本月底', '下个月底', '月中', '本月内', '下月中旬', '年底', '今年底', '明年底', '年内', '本年底', '月末', '下月上旬'),
  fc.tuple(fc.integer({ min: 0, max: 14 }), fc.constantFrom('月底', '月中旬', '月上旬', '月下旬', '月中', '月末')).map(([m, s]) => `${m}${s}`),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('号前', '日之前', '号为止')).map(([d, s]) => `${d}${s}`),
);

/** One edit of a real message. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 8 }), datePhrase) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('fullwidth' as const) }),
  fc.record({ kind: fc.constant('digits' as const), value: fc.constantFrom('0', '00', '100', '101', '999999', '-1', '60.5', '1e9', '一百零一') }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 30 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, m: Mutation): string {
  const chars = Array.from(text);
  switch (m.kind) {
    case 'insert': {
      const at = m.at % (chars.length + 1);
      return [...chars.slice(0, at), m.piece, ...chars.slice(at)].join('');
    }
    case 'delete': {
      const at = m.at % (chars.length + 1);
      return [...chars.slice(0, at), ...chars.slice(at + m.length)].join('');
    }
    case 'fullwidth':
      return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 'digits':
      return text.replace(/\d+/, m.value);
    case 'repeat':
      return text.repeat(m.times);
  }
}

/** A real message with a few random edits. */
export const mutatedReal = fc
  .tuple(fc.constantFrom(...REAL_MESSAGES), fc.array(mutation, { maxLength: 4 }))
  .map(([text, edits]) => edits.reduce(apply, text));

/** Any text a message may hold: random, hostile, huge, or a real one mutated. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: mutatedReal, weight: 5 },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 1 },
  { arbitrary: hugeText, weight: 1 },
  { arbitrary: datePhrase, weight: 1 },
);

/** Free text a user puts where the bot expects words (a description, a reason). */
export const userWords: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  hugeText,
);

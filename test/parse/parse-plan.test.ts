import { describe, expect, it } from 'vitest';
import type { PlanParts } from '../../src/domain/plan.ts';
import { normalizeText } from '../../src/parse/normalize.ts';
import { parsePlan } from '../../src/parse/parse-plan.ts';

// texts go through normalizeText as in the pipeline (：→ :)
const rows: Array<[input: string, parts: PlanParts, unkeyed?: string]> = [
  ['资金物资：预算12万元，已采购 应急预案：已编制并演练', { funds: '预算12万元，已采购', safety: '已编制并演练' }],
  ['应急预案：已编制并演练 资金物资：预算12万元', { funds: '预算12万元', safety: '已编制并演练' }],
  ['目标任务：消除泄漏；方法措施：更换呼吸阀，检测合格；机构人员：设备部张伟；时限要求：12月15日前', {
    goals: '消除泄漏', methods: '更换呼吸阀，检测合格', organization: '设备部张伟', timeline: '12月15日前',
  }],
  ['一、治理的目标和任务：消除泄漏\n二、采取的方法和措施：更换呼吸阀\n三、经费和物资的落实：8万元\n四、负责治理的机构和人员：设备部\n五、治理的时限和要求：月底前\n六、安全措施和应急预案：设警戒区', {
    goals: '消除泄漏', methods: '更换呼吸阀', funds: '8万元', organization: '设备部', timeline: '月底前', safety: '设警戒区',
  }],
  ['(1)目标：x (2)资金：y ③人员：z', { goals: 'x', funds: 'y', organization: 'z' }],
  ['安全措施：设警戒区 应急预案：已编制', { safety: '设警戒区；应急预案：已编制' }],
  ['治理资金=15万元', { funds: '15万元' }],
  ['经费：', {}],
  ['已采购应急物资：10套', {}, '已采购应急物资:10套'],
  ['先说明一下 资金物资：已落实', { funds: '已落实' }, '先说明一下'],
  ['资金物资 预算12万元', {}, '资金物资 预算12万元'],
];

describe('parsePlan', () => {
  it.each(rows)('%s', (input, parts, unkeyed = '') => {
    expect(parsePlan(normalizeText(input))).toEqual({ parts, unkeyed });
  });
});

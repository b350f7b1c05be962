import { describe, expect, it } from 'vitest';
import { readWorkbookGrids } from '../../src/features/read-problem-list-workbook.ts';
import { atLocal } from '../../src/domain/calendar.ts';
import { matchHeader, readListTable } from '../../src/parse/problem-list-table.ts';
import { readPastedList } from '../../src/parse/problem-list-text.ts';
import { cleanList, gappyList, inspectionList, PASTED_LIST } from '../fixtures/problem-lists/build.ts';

const now = atLocal('2026-12-01 09:00');
const UNITS = ['应急管理局', '红星化工', '蓝天物流', '实验小学', '城南建筑工地', '城关镇'];

describe('problem-list headers (#15 item 2)', () => {
  it.each([
    ['序号', 'seq'], ['单位', 'unit'], ['责任单位', 'unit'], ['被检查单位', 'unit'], ['问题', 'description'], ['存在问题', 'description'],
    ['隐患描述', 'description'], ['行业', 'category'], ['类别', 'category'], ['等级', 'level'], ['整改措施', 'measures'], ['整改要求', 'measures'],
    ['责任人', 'owner'], ['整改责任人', 'owner'], ['时限', 'deadline'], ['整改期限', 'deadline'], ['完成时限\n（年月日）', 'deadline'],
    ['整改责任单位', 'unit'], ['备注', null], ['省安委会第三督查组安全生产督查问题清单', null],
  ])('%s → %s', (header, column) => {
    expect(matchHeader(header)).toBe(column);
  });
});

describe('reading a problem list workbook', () => {
  it('reads a clean sheet field by field, Excel dates as days', async () => {
    const table = readListTable(await readWorkbookGrids(await cleanList()), now);
    expect(table?.title).toBeNull();
    expect(table?.rows).toEqual([
      { origin: 'Sheet1 第2行', label: '1', unit: '红星化工', description: '储罐区呼吸阀损坏', location: null, category: '危化品', level: 'major', measures: '更换呼吸阀并检测', owner: '张伟', deadline: '2026-12-15', deadlineText: null },
      { origin: 'Sheet1 第3行', label: '2', unit: '蓝天物流', description: '叉车司机无证驾驶', location: null, category: '道路交通', level: 'general', measures: '停止无证人员作业，组织培训取证', owner: '钱经理', deadline: '2026-12-20', deadlineText: null },
      { origin: 'Sheet1 第4行', label: '3', unit: '实验小学', description: '宿舍楼消防通道堆放杂物', location: null, category: '消防', level: 'general', measures: '清理杂物，设置禁止堆放标识', owner: '李四', deadline: '2026-12-10', deadlineText: null },
    ]);
  });

  it('finds the header under merged title rows, fills merged and 同上 cells, reads text dates and the second sheet, skips the notes sheet', async () => {
    const table = readListTable(await readWorkbookGrids(await inspectionList()), now);
    expect(table?.title).toBe('省安委会第三督查组安全生产督查问题清单');
    expect(table?.sheetsRead).toEqual(['问题清单', '园区问题']);
    expect(table?.sheetsSkipped).toEqual(['填表说明']);
    expect(table?.rows.map((r) => [r.origin, r.unit, r.description, r.owner, r.deadline, r.level])).toEqual([
      ['问题清单 第4行', '红星化工', '储罐区可燃气体报警器未定期检定', '张伟', '2026-12-15', 'general'],
      ['问题清单 第5行', '红星化工', '动火作业票证审批不规范', '李强', '2026-12-20', 'general'],
      ['问题清单 第6行', '城南建筑工地', '塔吊限位器失效', '吴工', '2026-12-12', 'major'],
      ['园区问题 第3行', '蓝天物流', '危险货物车辆停放区未设置隔离设施', '钱经理', '2026-12-18', 'general'],
      ['园区问题 第4行', '蓝天物流', '应急物资储备不足', '钱经理', '2026-12-18', 'general'],
    ]);
  });

  it('keeps what a row lacks as missing, and a deadline that is no date as written', async () => {
    const table = readListTable(await readWorkbookGrids(await gappyList()), now);
    expect(table?.rows.map((r) => [r.unit, r.owner, r.deadline, r.deadlineText])).toEqual([
      ['红星化工', '张伟', '2026-12-15', null],
      ['蓝天物流', null, '2026-12-20', null],
      ['实验小学', '李四', null, '立即整改'],
      ['城南建筑工地', '赵六', '2026-12-18', null],
      ['红兴化工', '张伟', '2026-12-12', null],
      ['实验小学', null, null, null],
    ]);
  });

  it('is null for a workbook without a problem-list header', () => {
    expect(readListTable([{ name: 'Sheet1', rows: [['姓名', '电话'], ['张伟', '138']] }], now)).toBeNull();
  });
});

describe('a pasted numbered list', () => {
  it('reads one problem per item, each with only its own owner and deadline', () => {
    const list = readPastedList(PASTED_LIST.replace(/^导入清单 /, ''), { now, unitNames: UNITS });
    expect(list?.head).toBe('市安委会督查组11月30日督查反馈');
    expect(list?.rows.map((r) => [r.label, r.unit, r.description, r.owner, r.deadline])).toEqual([
      ['1', '红星化工', '储罐区防火堤有裂缝', '张伟', '2026-12-20'],
      ['2', '蓝天物流', '驾驶员未进行岗前安全培训', '钱经理', '2026-12-25'],
      ['3', '实验小学', '食堂燃气报警器故障', null, null],
    ]);
  });

  it('keeps a unit the roster does not know as written', () => {
    const list = readPastedList('1. 城北加油站 卸油区静电接地损坏\n2. 红星化工 消防泵房积水', { now, unitNames: UNITS });
    expect(list?.rows.map((r) => [r.unit, r.description])).toEqual([['城北加油站', '卸油区静电接地损坏'], ['红星化工', '消防泵房积水']]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { byteLength, TEXT_LIMIT_BYTES } from '../../src/i18n/fit.ts';
import type { RecordedDelivery } from '../../src/channels/recording-channel.ts';

/**
 * A county as the bot meets it: a dozen departments, 60 enterprises, a hundred and eighty hazards.
 * Its long replies (通报, 排名, a 问题清单 drill-down, a numbered registration) used to be cut at
 * 2,048 bytes with "…" by the pipeline's last guard; they now arrive whole, in numbered parts.
 */
const DEPARTMENTS = ['应急管理局', '住建局', '交通运输局', '消防救援大队', '教体局', '生态环境局', '市场监管局', '自然资源局', '水利局', '农业农村局', '商务局', '文旅局'];
const UNITS = Array.from({ length: 60 }, (_, i) => ({ name: `城北第${i + 1}化工厂`, department: DEPARTMENTS[i % DEPARTMENTS.length] ?? '', contact: `${'赵钱孙李周吴郑王冯陈'[i % 10] ?? ''}${'一二三四五六'[Math.floor(i / 10)] ?? ''}工` }));
const head = (d: string) => `${d}负责人`;

function countyRoster(dir: string): string {
  const file = join(dir, 'county.yaml');
  writeFileSync(file, [
    'units:',
    ...DEPARTMENTS.map((d) => `  - { name: ${d}, kind: department }`),
    ...UNITS.map((u) => `  - { name: ${u.name}, kind: enterprise, supervisor: ${u.department}, sector: 危化品 }`),
    'people:',
    '  - { name: 赵主任, unit: 应急管理局, role: admin }',
    '  - { name: 刘县长, role: leader }',
    ...DEPARTMENTS.map((d) => `  - { name: ${head(d)}, unit: ${d}, role: department }`),
    ...UNITS.map((u) => `  - { name: ${u.contact}, unit: ${u.name}, role: contact }`),
    'groups:',
    '  - { name: 县安委会领导群, purpose: leaders }',
    ...DEPARTMENTS.map((d) => `  - { name: ${d}监管群, unit: ${d} }`),
    ...UNITS.map((u) => `  - { name: ${u.name}安全群, unit: ${u.name} }`),
  ].join('\n'));
  return file;
}

/** The parts of one long reply: each within the strictest limit, later ones headed `标题（续n）`. */
function expectNumberedParts(parts: readonly RecordedDelivery[], title: string): string[] {
  expect(parts.length).toBeGreaterThan(1);
  parts.forEach((p, i) => {
    expect(byteLength(p.text), p.text.slice(0, 60)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    if (i > 0) expect(p.text.split('\n')[0]).toBe(`${title}（续${i}）`);
    expect(p.text).not.toMatch(/…$/);
  });
  return parts.flatMap((p, i) => p.text.split('\n').slice(i > 0 ? 1 : 0));
}

let chat: Chat;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hz-county-'));
  chat = await createChat({ roster: countyRoster(dir), at: '2026-11-02 09:00', jobs: [] });
  for (const [i, u] of UNITS.entries()) {
    for (const [k, what] of ['储罐区呼吸阀损坏', '消防通道被占用', '配电箱未接地'].entries()) {
      await chat.send(`${u.department}监管群`, head(u.department), `登记隐患：${u.name}${what}，责任人 ${u.contact}，${k === 0 && i % 3 === 0 ? '3天内' : '12月20日前'}整改完毕`);
    }
  }
  await chat.setClock('2026-12-01 09:00');
}, 120_000);
afterAll(async () => {
  await chat.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('long replies arrive whole, in numbered parts', () => {
  it('排名 lists every one of the 60 units and the formula, never a row cut in two', async () => {
    const out = await chat.send('县安委会领导群', '刘县长', '排名');
    const lines = expectNumberedParts(out, '考核排名·责任单位');
    const rows = lines.filter((l) => /^\d+\. 城北第\d+化工厂 /.test(l));
    expect(rows).toHaveLength(60);
    for (const u of UNITS) expect(rows.some((r) => r.includes(` ${u.name} `))).toBe(true);
    for (const r of rows) expect(r).toMatch(/｜发现3 销号0 整改率0% 按期率\S+ 平均— 逾期[01] 反弹0$/);
    expect(lines.filter((l) => l.startsWith('计分：'))).toHaveLength(2);
    expect(lines).toContain(`考核排名·监管部门（2026年第四季度，截至12月1日）`);
    expect(lines.filter((l) => /^\d+\. \S+局|^\d+\. 消防救援大队/.test(l))).toHaveLength(12);
  });

  it('the 通报 keeps its last sections and the formula', async () => {
    const out = await chat.send('县安委会领导群', '刘县长', '本季度通报');
    const lines = expectNumberedParts(out, '【通报】');
    expect(lines[0]).toBe('【通报】2026年第四季度全县安全隐患排查整治情况（截至12月1日）');
    expect(lines).toContain('五、信用名单');
    expect(lines).toContain('六、工作要求');
    expect(lines.at(-1)).toMatch(/^计分：.*一票否决。$/);
    expect(lines.find((l) => l.startsWith('监管部门：'))?.split('、')).toHaveLength(12);
  });

  it('a numbered list of 40 hazards is acknowledged item by item, and its 问题清单 drill-down shows all 40', async () => {
    const items = Array.from({ length: 40 }, (_, i) => `${i + 1}. 城北第1化工厂 第${i + 1}号储罐呼吸阀损坏需要更换 责任人 赵一工 12月30日前`);
    await chat.send('县安委会领导群', '赵主任', ['导入清单 省安委会第三督查组12月1日督查反馈', ...items].join('\n'));
    await chat.send('县安委会领导群', '赵主任', '确认导入');
    const out = await chat.send('县安委会领导群', '刘县长', '问题清单 QD-0001 城北第1化工厂');
    const lines = expectNumberedParts(out, '问题清单 QD-0001');
    const rows = lines.filter((l) => /^第\d+项 YH-\d{4} /.test(l));
    expect(rows.map((r) => /^第(\d+)项/.exec(r)?.[1])).toEqual(items.map((_, i) => String(i + 1)));
    expect(lines.join('\n')).not.toContain('未列出');
  });
});

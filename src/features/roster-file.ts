import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import { z } from 'zod';
import '../i18n/zod-zh.ts';
import { UserError } from '../core/user-error.ts';
import { CATEGORIES, UNIT_KINDS } from '../domain/types.ts';

/**
 * Sane sizes for one county's roster (a large county has a few thousand enterprises and tens of
 * thousands of contacts at most). Beyond them the file is refused before it is parsed or checked:
 * a 10 MB file of 139,811 units once took 24 s and 905 MB to accept.
 */
export const ROSTER_LIMITS = { bytes: 4 * 1024 * 1024, units: 10_000, people: 50_000, groups: 10_000 } as const;
/** The demo county `npm start` imports into a fresh console database, and re-reads on 重新加载名册. */
export const DEMO_ROSTER = join(import.meta.dirname, '..', '..', 'demo', 'roster.yaml');

/** YAML aliases expanded at most this often: an alias bomb (aliases of aliases) stops here. */
const MAX_ALIAS_COUNT = 100;

const KIND_WORDS: Record<string, (typeof UNIT_KINDS)[number]> = { 园区: 'park', 镇: 'town', 乡镇: 'town', 部门: 'department', 企业: 'enterprise', 其他: 'other' };
const ROLE_WORDS: Record<string, 'admin' | 'leader' | 'department' | 'contact'> = { 管理员: 'admin', 领导: 'leader', 监管部门: 'department', 部门: 'department', 联系人: 'contact' };
const ROLE_LABELS: Record<string, string> = { admin: '管理员', leader: '领导', department: '监管部门', contact: '联系人' };
const PURPOSE_WORDS: Record<string, 'unit' | 'department' | 'leaders' | 'other'> = { 单位: 'unit', 部门: 'department', 领导: 'leaders', 领导群: 'leaders', 其他: 'other' };

const id = z.union([z.string(), z.number()]).transform(String).optional();
/** Names show in every reply and list row: one line, no @ or tags a platform would act on. */
const name = z.string().trim().min(1).max(40).regex(/^[^@＠<>\p{C}\u2028\u2029]+$/u, '名称不能含换行、@、<、> 或不可见字符');

const unitSchema = z.object({
  name,
  kind: z.string().transform((k) => KIND_WORDS[k] ?? k).pipe(z.enum(UNIT_KINDS as [string, ...string[]], { error: '单位类型应为 园区、镇、部门、企业 或 其他（也可写 park/town/department/enterprise/other）' })).default('enterprise'),
  supervisor: z.string().trim().min(1).optional(),
  sector: z.string().trim().min(1).optional(),
  /** 政府投资项目（政府类工程）: same rules as an enterprise, its figures reported beside theirs */
  government: z.union([z.boolean(), z.enum(['是', '政府投资项目', '政府类工程'])], { error: 'government 应为 true（或 是、政府投资项目、政府类工程）' })
    .transform((v) => v !== false).optional(),
  /** the department owning a government project (业主单位或主管部门) */
  project_owner: z.string().trim().min(1).optional(),
}).strict();

const personSchema = z.object({
  name,
  unit: z.string().trim().min(1).optional(),
  role: z.string().transform((r) => ROLE_WORDS[r] ?? r).pipe(z.enum(['admin', 'leader', 'department', 'contact'], { error: '角色应为 管理员、领导、监管部门 或 联系人（也可写 admin/leader/department/contact）' })).default('contact'),
  wecom: id,
  dingtalk: id,
  wechat: id,
  /** 微信号: recognises the person's WeChat account across wechat4u logins (where the puppet shows it) */
  weixin: id,
  mobile: id,
}).strict();

const groupSchema = z.object({
  name,
  unit: z.string().trim().min(1).optional(),
  purpose: z.string().transform((p) => PURPOSE_WORDS[p] ?? p).pipe(z.enum(['unit', 'department', 'leaders', 'other'], { error: '群用途应为 单位、部门、领导 或 其他（也可写 unit/department/leaders/other）' })).optional(),
  wecom: id,
  dingtalk: id,
  wechat: id,
}).strict();

/** `刘县长`, or `刘县长（县政府）` where two people share the name: who a `leaders:` line names. */
const personRef = z.string().trim().min(1).max(60);

/** 分管领导 and 主要领导 of a department and/or a sector; neither: the county-wide default (docs/responsibility-chain.md). */
const leaderChargeSchema = z.object({
  department: z.string().trim().min(1).optional(),
  sector: z.string().trim().min(1).optional(),
  in_charge: personRef.optional(),
  main: personRef.optional(),
}).strict().refine((c) => c.in_charge !== undefined || c.main !== undefined, {
  message: '每一行至少写分管领导（in_charge）或主要领导（main）之一，例：{ department: 应急管理局, sector: 危化品, in_charge: 刘县长, main: 郑书记 }',
});

export const rosterSchema = z.object({
  units: z.array(unitSchema).default([]),
  people: z.array(personSchema).default([]),
  groups: z.array(groupSchema).default([]),
  leaders: z.array(leaderChargeSchema).optional(),
}).strict().superRefine((roster, ctx) => {
  const units = new Set(roster.units.map((u) => u.name));
  roster.units.forEach((u, i) => {
    if (u.supervisor && !units.has(u.supervisor)) ctx.addIssue({ code: 'custom', path: ['units', i, 'supervisor'], message: `监管部门「${u.supervisor}」不在 units 中` });
  });
  roster.units.forEach((u, i) => {
    // a government project is named with its owner: the briefing says whose project is slipping
    if (u.government && !u.project_owner) ctx.addIssue({ code: 'custom', path: ['units', i, 'government'], message: `政府投资项目「${u.name}」须写明业主单位或主管部门，例：project_owner: 教体局` });
    if (u.project_owner && !u.government) ctx.addIssue({ code: 'custom', path: ['units', i, 'project_owner'], message: `project_owner 只用于政府投资项目：「${u.name}」是政府投资项目请同时写 government: true，不是请删去 project_owner` });
    if (u.project_owner && !units.has(u.project_owner)) ctx.addIssue({ code: 'custom', path: ['units', i, 'project_owner'], message: `业主单位「${u.project_owner}」不在 units 中` });
  });
  roster.people.forEach((p, i) => {
    if (p.unit && !units.has(p.unit)) ctx.addIssue({ code: 'custom', path: ['people', i, 'unit'], message: `单位「${p.unit}」不在 units 中` });
  });
  roster.groups.forEach((g, i) => {
    if (g.unit && !units.has(g.unit)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'unit'], message: `单位「${g.unit}」不在 units 中` });
  });
  // one name, one entry: on import the last would silently win (a contact becoming admin, a unit
  // losing its supervisor, a group becoming the leaders' group). People of one name are told
  // apart by their unit, the field that makes an entry unique.
  const duplicates = <T>(list: readonly T[], section: string, key: (item: T) => string, what: (item: T) => string, hint = '') => {
    const first = new Map<string, number>();
    list.forEach((item, i) => {
      const k = key(item);
      const earlier = first.get(k);
      if (earlier === undefined) first.set(k, i);
      else ctx.addIssue({ code: 'custom', path: [section, i, 'name'], message: `${what(item)}与{sameAs}重复${hint}`, params: { sameAs: [section, earlier] } });
    });
  };
  duplicates(roster.units, 'units', (u) => u.name, (u) => `单位「${u.name}」`);
  duplicates(roster.groups, 'groups', (g) => g.name, (g) => `群「${g.name}」`);
  duplicates(roster.people, 'people', (p) => `${p.name}\u0000${p.unit ?? ''}`, (p) => `人员「${p.name}」（${p.unit ? `单位 ${p.unit}` : '未写单位'}）`,
    '：同一单位内不能有两个同名的人；同名而不同单位的人，用 unit 写明各自的单位');
  // one account, one person (one chat, one group): on import the later entry would take the id
  // from the earlier one without a word
  const sameIds = <T extends Partial<Record<'wecom' | 'dingtalk' | 'wechat' | 'weixin', string>>>(list: readonly T[], section: string, fields: ReadonlyArray<'wecom' | 'dingtalk' | 'wechat' | 'weixin'>, what: (item: T) => string) => {
    for (const field of fields) {
      const first = new Map<string, number>();
      list.forEach((item, i) => {
        const value = item[field];
        if (value === undefined) return;
        const earlier = first.get(value);
        if (earlier === undefined) first.set(value, i);
        else ctx.addIssue({ code: 'custom', path: [section, i, field], message: `${what(item)}的 ${field} 账号「${value}」与{sameAs}（${what(list[earlier] as T)}）相同：一个账号只能属于一个${section === 'people' ? '人' : '群'}`, params: { sameAs: [section, earlier] } });
      });
    }
  };
  sameIds(roster.people, 'people', ['wecom', 'dingtalk', 'wechat', 'weixin'], (p) => `「${p.name}」`);
  sameIds(roster.groups, 'groups', ['wecom', 'dingtalk', 'wechat'], (g) => `「${g.name}」`);
  // a supervisor chain must end: 甲 supervises 乙 supervises 甲 (or 丙 itself) leaves no one on top
  const supervisorOf = new Map(roster.units.map((u) => [u.name, u.supervisor]));
  roster.units.forEach((u, i) => {
    const seen = [u.name];
    for (let next = u.supervisor; next !== undefined; next = supervisorOf.get(next)) {
      if (next === u.name) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'supervisor'], message: `监管关系成环：${[...seen, u.name].join(' → ')}（一个单位不能直接或间接监管自己）` });
        break;
      }
      if (seen.includes(next)) break; // a cycle further up: reported at its own units
      seen.push(next);
    }
  });
  checkLeaderCharges(roster, ctx);
});

/**
 * Finds the person a `leaders:` line names: by name, or `姓名（单位）` where the name is shared.
 * Returns the person's index in `people`, or a problem in words.
 */
export function findLeaderRef(people: ReadonlyArray<{ name: string; unit?: string | undefined }>, ref: string): number | string {
  const m = /^(.+?)\s*[（(]\s*(.+?)\s*[）)]$/.exec(ref);
  const name = m?.[1] ?? ref;
  const unit = m?.[2];
  const matches = people.flatMap((p, i) => (p.name === name && (unit === undefined || p.unit === unit) ? [i] : []));
  if (matches.length === 1) return matches[0] ?? 0;
  if (matches.length === 0) return `「${ref}」不在 people 中：请先在 people 里写上这个人（role: leader），或检查名字是否写错`;
  return `people 中有 ${matches.length} 个「${name}」：请写成「${name}（单位）」指明是哪一位`;
}

/** The `leaders:` lines: known leaders, no line twice, nobody answering to themselves. */
function checkLeaderCharges(roster: { units: Array<{ name: string; sector?: string | undefined }>; people: Array<{ name: string; unit?: string | undefined; role: string }>; leaders?: Array<{ department?: string | undefined; sector?: string | undefined; in_charge?: string | undefined; main?: string | undefined }> | undefined }, ctx: z.RefinementCtx): void {
  const lines = roster.leaders ?? [];
  const units = new Set(roster.units.map((u) => u.name));
  const sectors = new Set<string>([...CATEGORIES, ...roster.units.flatMap((u) => (u.sector ? [u.sector] : []))]);
  const first = new Map<string, number>();
  /** who answers to whom: the leader in charge of a line to its main leader */
  const answersTo = new Map<string, Set<string>>();
  const inChargeOf: Array<string | undefined> = [];
  lines.forEach((line, i) => {
    if (line.department !== undefined && !units.has(line.department)) {
      ctx.addIssue({ code: 'custom', path: ['leaders', i, 'department'], message: `部门「${line.department}」不在 units 中` });
    }
    if (line.sector !== undefined && !sectors.has(line.sector)) {
      ctx.addIssue({ code: 'custom', path: ['leaders', i, 'sector'], message: `行业「${line.sector}」既不是隐患类别（${CATEGORIES.join('、')}），也没有单位写这个 sector：请检查是否写错` });
    }
    const key = `${line.department ?? ''}\u0000${line.sector ?? ''}`;
    const earlier = first.get(key);
    const covers = [line.department, line.sector].filter(Boolean).join('·') || '全县（不写部门和行业）';
    if (earlier === undefined) first.set(key, i);
    else ctx.addIssue({ code: 'custom', path: ['leaders', i], message: `「${covers}」的领导与{sameAs}重复：同一部门、同一行业只写一行`, params: { sameAs: ['leaders', earlier] } });
    const names: Partial<Record<'in_charge' | 'main', string>> = {};
    for (const field of ['in_charge', 'main'] as const) {
      const ref = line[field];
      if (ref === undefined) continue;
      const found = findLeaderRef(roster.people, ref);
      if (typeof found === 'string') {
        ctx.addIssue({ code: 'custom', path: ['leaders', i, field], message: found });
        continue;
      }
      const person = roster.people[found];
      if (!person) continue;
      if (person.role !== 'leader') {
        ctx.addIssue({ code: 'custom', path: ['leaders', i, field], message: `「${person.name}」在 people 中的角色是「${ROLE_LABELS[person.role] ?? person.role}」，${field === 'main' ? '主要领导' : '分管领导'}须是领导：请把此人的 role 改为 领导（leader）` });
        continue;
      }
      names[field] = `${person.name}\u0000${person.unit ?? ''}`;
    }
    inChargeOf[i] = names.in_charge;
    if (names.in_charge !== undefined && names.in_charge === names.main) {
      ctx.addIssue({ code: 'custom', path: ['leaders', i, 'main'], message: `分管领导和主要领导是同一人「${line.main}」：只是一位领导时，只写 in_charge` });
    } else if (names.in_charge !== undefined && names.main !== undefined) {
      const to = answersTo.get(names.in_charge) ?? new Set<string>();
      to.add(names.main);
      answersTo.set(names.in_charge, to);
    }
  });
  // 甲 answers to 乙 on one line and 乙 to 甲 on another: the chain has no top, nobody is accountable overall
  const shown = (key: string) => key.split('\u0000')[0] ?? key;
  const reported = new Set<string>();
  lines.forEach((_, i) => {
    const start = inChargeOf[i];
    if (start === undefined || reported.has(start)) return;
    const cycle = findCycle(start, answersTo);
    if (!cycle) return;
    cycle.forEach((k) => reported.add(k));
    ctx.addIssue({ code: 'custom', path: ['leaders', i, 'main'], message: `领导关系成环：${[...cycle, start].map(shown).join(' → ')}（分管领导向主要领导负责，两位领导不能互为上级）` });
  });
}

/** A path from `start` back to itself along `edges`, or null. */
function findCycle(start: string, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const walk = (at: string, path: string[]): string[] | null => {
    for (const next of edges.get(at) ?? []) {
      if (next === start) return path;
      if (path.includes(next)) continue;
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

export type RosterFile = z.infer<typeof rosterSchema>;

/** A roster that failed validation; every problem is one line naming the file, its line and field. */
export class RosterError extends UserError {
  override name = 'RosterError';
  constructor(readonly problems: string[], file: string) {
    super(problems.map((p) => `${file ? `名册文件 ${file}` : '名册'} ${p}`).join('\n'));
  }
}

const lineOf = (doc: Document, lineCounter: LineCounter, path: Array<string | number>): string => {
  const node = doc.getIn(path, true);
  const at = isNode(node) ? node.range?.[0] : undefined;
  return at !== undefined ? `第${lineCounter.linePos(at).line}行` : '';
};

/** The line of the first alias (`*name`), where an alias bomb is set off. */
function firstAliasLine(doc: Document, lineCounter: LineCounter): string {
  let line = '';
  visit(doc, {
    Alias(_, node) {
      if (node.range) line = `第${lineCounter.linePos(node.range[0]).line}行`;
      return visit.BREAK;
    },
  });
  return line;
}

/** Parses and validates a roster YAML text; errors say `第N行 people[2].role: …`. */
export function parseRoster(text: string, file = ''): RosterFile {
  const bytes = Buffer.byteLength(text);
  if (bytes > ROSTER_LIMITS.bytes) throw new RosterError([tooLarge(bytes)], file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new RosterError(doc.errors.map((e) => `第${e.linePos?.[0]?.line ?? '?'}行：YAML 格式错误（${e.code}），请对照 demo/roster.yaml 的写法检查这一行的缩进、冒号和括号`), file);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    // yaml stops an alias bomb with an English ReferenceError; say what it is and where
    throw new RosterError([`${firstAliasLine(doc, lineCounter)}：YAML 别名（&名字 和 *名字）展开过多（疑似「别名炸弹」），名册不能这样写：请把每个单位、人员、群直接写出来，不用别名`], file);
  }
  for (const key of ['units', 'people', 'groups'] as const) {
    const list = (raw as Record<string, unknown> | null)?.[key];
    if (Array.isArray(list) && list.length > ROSTER_LIMITS[key]) {
      throw new RosterError([`${lineOf(doc, lineCounter, [key])} ${key}：共 ${list.length} 项，超过上限 ${ROSTER_LIMITS[key]} 项：一个县的名册不会这么大，请检查是否重复生成了条目`], file);
    }
  }
  const result = rosterSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const node = doc.getIn(issue.path as Array<string | number>, true);
    const parentNode = doc.getIn(issue.path.slice(0, -1) as Array<string | number>, true);
    const at = isNode(node) ? node.range?.[0] : isNode(parentNode) ? parentNode.range?.[0] : undefined;
    const line = at !== undefined ? `第${lineCounter.linePos(at).line}行 ` : '';
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    // a duplicate names the line of the entry it repeats
    const sameAs = issue.code === 'custom' ? (issue.params as { sameAs?: Array<string | number> } | undefined)?.sameAs : undefined;
    const sameNode = sameAs ? doc.getIn(sameAs, true) : undefined;
    const sameLine = isNode(sameNode) && sameNode.range ? `第${lineCounter.linePos(sameNode.range[0]).line}行` : '前面的一项';
    return { at: at ?? Infinity, text: `${line}${field || '(根)'}：${issue.message.replace('{sameAs}', sameLine)}` };
  });
  // in the file's order, as the reader goes through it
  throw new RosterError(problems.sort((a, b) => a.at - b.at).map((p) => p.text), file);
}

const tooLarge = (bytes: number) =>
  `文件有 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过名册上限 ${ROSTER_LIMITS.bytes / 1024 / 1024} MB：一个县的名册通常不到 1 MB，请检查是否选错了文件`;

/** Reads a roster file from disk; a missing or oversized file is refused before it is read. */
export function readRoster(path: string): RosterFile {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`找不到名册文件 ${path}：请检查路径和文件名（相对路径从当前目录 ${process.cwd()} 算起），格式见 demo/roster.yaml。`);
    throw error;
  }
  if (size > ROSTER_LIMITS.bytes) throw new RosterError([tooLarge(size)], path);
  return parseRoster(readFileSync(path, 'utf8'), path);
}

/**
 * The supervising departments (units that supervise others) no `leaders:` line puts in anyone's
 * charge — not by their own line, a line of a department above them, or a county-wide line — so
 * their units' escalations name nobody (责任链断档). Sector lines may still cover some of their
 * hazards. Empty when the roster has no `leaders:` section: that county has chosen not to name.
 */
export function departmentsWithoutLeader(roster: RosterFile): string[] {
  const lines = (roster.leaders ?? []).filter((l) => l.in_charge !== undefined);
  if (roster.leaders === undefined || lines.some((l) => l.department === undefined && l.sector === undefined)) return [];
  const covered = new Set(lines.flatMap((l) => (l.department !== undefined && l.sector === undefined ? [l.department] : [])));
  const supervisorOf = new Map(roster.units.map((u) => [u.name, u.supervisor]));
  const supervisors = [...new Set(roster.units.flatMap((u) => (u.supervisor ? [u.supervisor] : [])))];
  return supervisors.filter((name) => {
    const seen = new Set<string>();
    for (let at: string | undefined = name; at !== undefined && !seen.has(at); at = supervisorOf.get(at)) {
      if (covered.has(at)) return false;
      seen.add(at);
    }
    return true;
  });
}

import Database from 'better-sqlite3';
import { applySqliteMigrations } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/calendar.ts';
import { CATEGORIES } from '../src/domain/types.ts';
import { formatHazardCode } from '../src/parse/normalize.ts';

/** mulberry32: a tiny seeded generator, so every run seeds the same county. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CountyShape {
  units: number;
  people: number;
  hazards: number;
  seed: number;
  /** the day the ledger ends: 'YYYY-MM-DD' */
  today: string;
}

export interface SeededCounty {
  departments: Array<{ id: number; name: string; person: string; group: string }>;
  enterprises: Array<{ id: number; name: string; contact: string; group: string; supervisorId: number }>;
  leadersGroup: string;
  leader: string;
}

const DEPARTMENT_NAMES = ['应急管理局', '住建局', '交通运输局', '消防救援大队', '教体局', '生态环境局', '市场监管局', '自然资源局', '水利局', '农业农村局'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅志斌玉兰海燕东林';
const DESCRIPTIONS = ['储罐区呼吸阀损坏', '消防通道被占用', '灭火器过期未更换', '配电箱未接地', '叉车未年检', '脚手架连墙件缺失', '危废暂存间防渗破损', '应急照明不亮', '安全出口上锁', '可燃气体报警器失灵', '塔吊限位失效', '校车座椅松动'];

/**
 * Creates a county on a fresh SQLite file: migrations through the WASM engine (as the bot does),
 * then rows inserted directly with better-sqlite3 — seeding is not what is measured. Hazards
 * span three years with histories; most old ones closed, some open, some overdue.
 */
export async function seedCounty(file: string, shape: CountyShape): Promise<SeededCounty> {
  applySqliteMigrations(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const rnd = seededRandom(shape.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const now = new Date(`${shape.today}T09:00:00+08:00`).toISOString();
  const county: SeededCounty = { departments: [], enterprises: [], leadersGroup: '县安委会领导群', leader: '县长甲' };
  const usedNames = new Set<string>();
  const personName = (): string => {
    for (;;) {
      const name = pick([...SURNAMES]) + pick([...GIVEN]) + (rnd() < 0.5 ? pick([...GIVEN]) : '');
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  db.transaction(() => {
    const unit = db.prepare('INSERT INTO "Unit" (name, kind, supervisorId, sector, createdAt) VALUES (?, ?, ?, ?, ?)');
    const person = db.prepare('INSERT INTO "Person" (name, unitId, role, createdAt) VALUES (?, ?, ?, ?)');
    const group = db.prepare('INSERT INTO "Group" (name, unitId, purpose, createdAt) VALUES (?, ?, ?, ?)');
    const departmentCount = Math.max(5, Math.round(shape.units / 20));
    for (let i = 0; i < departmentCount; i++) {
      const name = `${DEPARTMENT_NAMES[i % DEPARTMENT_NAMES.length]}${i >= DEPARTMENT_NAMES.length ? i : ''}`;
      const id = Number(unit.run(name, 'department', null, null, now).lastInsertRowid);
      const who = personName();
      person.run(who, id, 'department', now);
      group.run(`${name}监管群`, id, 'department', now);
      county.departments.push({ id, name, person: who, group: `${name}监管群` });
    }
    const contactsPerUnit = Math.max(1, Math.floor((shape.people - departmentCount - 1) / (shape.units - departmentCount)));
    for (let i = departmentCount; i < shape.units; i++) {
      const supervisor = pick(county.departments);
      const name = `企业${String(i).padStart(4, '0')}`;
      const id = Number(unit.run(name, 'enterprise', supervisor.id, pick(CATEGORIES), now).lastInsertRowid);
      let first = '';
      for (let p = 0; p < contactsPerUnit; p++) {
        const who = personName();
        first ||= who;
        person.run(who, id, 'contact', now);
      }
      group.run(`${name}安全对接群`, id, 'unit', now);
      county.enterprises.push({ id, name, contact: first, group: `${name}安全对接群`, supervisorId: supervisor.id });
    }
    person.run(county.leader, null, 'leader', now);
    group.run(county.leadersGroup, null, 'leaders', now);
  })();

  const people = db.prepare('SELECT id, unitId FROM "Person" WHERE role = ?').all('contact') as Array<{ id: number; unitId: number }>;
  const ownerByUnit = new Map<number, number>();
  for (const p of people) if (!ownerByUnit.has(p.unitId)) ownerByUnit.set(p.unitId, p.id);
  const reporterByDept = new Map<number, number>();
  for (const d of db.prepare('SELECT id, unitId FROM "Person" WHERE role = ?').all('department') as Array<{ id: number; unitId: number }>) reporterByDept.set(d.unitId, d.id);

  const insertHazard = db.prepare(`INSERT INTO "Hazard" (code, description, category, level, unitId, reporterId, ownerId, deadline, originalDeadline,
    status, progress, createdAt, updatedAt, closedOn, closedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvent = db.prepare('INSERT INTO "HazardEvent" (hazardId, type, actorId, at, text, data) VALUES (?, ?, ?, ?, ?, ?)');
  const days = 3 * 365;
  db.transaction(() => {
    for (let i = 1; i <= shape.hazards; i++) {
      const e = pick(county.enterprises);
      const ownerId = ownerByUnit.get(e.id) ?? 1;
      const reporterId = reporterByDept.get(e.supervisorId) ?? 1;
      const age = Math.floor(rnd() ** 2 * days); // more recent hazards than old ones
      const created = addDays(shape.today, -age);
      const deadline = addDays(created, 3 + Math.floor(rnd() * 57));
      const at = (date: string, h: number) => new Date(`${date}T${String(h).padStart(2, '0')}:00:00+08:00`).toISOString();
      const closed = age > 20 ? rnd() < 0.97 : rnd() < 0.3;
      const closedOn = closed ? addDays(created, Math.min(age, 2 + Math.floor(rnd() * 70))) : null;
      const progress = closed ? 100 : Math.floor(rnd() * 10) * 10;
      const status = closed ? 'closed' : progress === 0 ? 'registered' : 'rectifying';
      const level = rnd() < 0.08 ? 'major' : 'general';
      const id = Number(insertHazard.run(formatHazardCode(i), `${e.name}${pick(DESCRIPTIONS)}`, pick(CATEGORIES), level, e.id, reporterId, ownerId,
        deadline, deadline, status, progress, at(created, 9), at(closedOn ?? created, 10), closedOn, closedOn ? at(closedOn, 16) : null).lastInsertRowid);
      insertEvent.run(id, 'created', reporterId, at(created, 9), '', '{}');
      if (progress > 0) insertEvent.run(id, 'progress', ownerId, at(created, 15), '已安排整改', JSON.stringify({ progress: Math.min(progress, 60) }));
      if (closedOn) {
        insertEvent.run(id, 'submitted', ownerId, at(closedOn, 11), '', '{"progress":100}');
        insertEvent.run(id, 'accepted', reporterId, at(closedOn, 16), '', '{}');
      }
    }
    db.prepare('INSERT INTO "Counter" (name, value) VALUES (?, ?)').run('hazard', shape.hazards);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return county;
}

import type { Insertable } from 'kysely';
import { closeDatabase, isPostgresUrl, openDatabase, sqliteConnection, transaction, type DatabaseTarget, type Db } from '../src/db/database.ts';
import { applyPostgresMigrations, applySqliteMigrations } from '../src/db/migrate.ts';
import type { DB } from '../src/db/tables.ts';
import { addDays } from '../src/domain/calendar.ts';
import { CATEGORIES } from '../src/domain/types.ts';
import { formatHazardCode } from '../src/parse/normalize.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';

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

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement. */
const CHUNK = 500;

/** Inserts rows many at a time, returning their ids in the order given. */
async function insertAll<T extends 'Unit' | 'Person' | 'Group' | 'Hazard' | 'HazardEvent'>(db: Db, table: T, rows: ReadonlyArray<Insertable<DB[T]>>): Promise<number[]> {
  const ids: number[] = [];
  for (let at = 0; at < rows.length; at += CHUNK) {
    // one table per call: the union of insert types is more than Kysely's typing can follow
    const inserted = await (db as unknown as Db).insertInto(table as 'Unit').values(rows.slice(at, at + CHUNK) as unknown as Array<Insertable<DB['Unit']>>)
      .returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/**
 * Creates a county on a fresh ledger — an SQLite file, or a PostgreSQL database when `target.url`
 * is set — through the bot's own data layer: migrations as the bot applies them, then rows
 * inserted many at a time in one transaction (seeding is not what is measured). The same seed
 * gives the same county on both. Hazards span three years with histories; most old ones closed,
 * some open, some overdue.
 */
export async function seedCounty(target: DatabaseTarget, shape: CountyShape): Promise<SeededCounty> {
  if (isPostgresUrl(target.url)) await applyPostgresMigrations(target.url);
  else applySqliteMigrations(target.file);
  const db = await openDatabase(target);
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

  await transaction(db, async (tx) => {
    const departmentCount = Math.max(5, Math.round(shape.units / 20));
    const departmentNames = Array.from({ length: departmentCount }, (_, i) => `${DEPARTMENT_NAMES[i % DEPARTMENT_NAMES.length]}${i >= DEPARTMENT_NAMES.length ? i : ''}`);
    const departmentIds = await insertAll(tx, 'Unit', departmentNames.map((name) => ({ name, kind: 'department', supervisorId: null, sector: null, createdAt: now })));
    const departmentPeople: Array<Insertable<DB['Person']>> = [];
    departmentNames.forEach((name, i) => {
      const id = departmentIds[i] ?? 0;
      const who = personName();
      departmentPeople.push({ name: who, unitId: id, role: 'department', createdAt: now });
      county.departments.push({ id, name, person: who, group: `${name}监管群` });
    });
    await insertAll(tx, 'Person', departmentPeople);
    await insertAll(tx, 'Group', county.departments.map((d) => ({ name: d.group, unitId: d.id, purpose: 'department', createdAt: now })));

    const contactsPerUnit = Math.max(1, Math.floor((shape.people - departmentCount - 1) / (shape.units - departmentCount)));
    const enterprises: Array<{ name: string; supervisorId: number; sector: string; contacts: string[] }> = [];
    for (let i = departmentCount; i < shape.units; i++) {
      const supervisor = pick(county.departments);
      const name = `企业${String(i).padStart(4, '0')}`;
      const sector = pick(CATEGORIES);
      enterprises.push({ name, supervisorId: supervisor.id, sector, contacts: Array.from({ length: contactsPerUnit }, personName) });
    }
    const enterpriseIds = await insertAll(tx, 'Unit', enterprises.map((e) => ({ name: e.name, kind: 'enterprise', supervisorId: e.supervisorId, sector: e.sector, createdAt: now })));
    enterprises.forEach((e, i) => {
      county.enterprises.push({ id: enterpriseIds[i] ?? 0, name: e.name, contact: e.contacts[0] ?? '', group: `${e.name}安全对接群`, supervisorId: e.supervisorId });
    });
    const contacts = enterprises.flatMap((e, i) => e.contacts.map((name) => ({ name, unitId: enterpriseIds[i] ?? 0, role: 'contact', createdAt: now })));
    const contactIds = await insertAll(tx, 'Person', [...contacts, { name: county.leader, unitId: null, role: 'leader', createdAt: now }]);
    await insertAll(tx, 'Group', [
      ...county.enterprises.map((e) => ({ name: e.group, unitId: e.id, purpose: 'unit', createdAt: now })),
      { name: county.leadersGroup, unitId: null, purpose: 'leaders', createdAt: now },
    ]);

    const ownerByUnit = new Map<number, number>();
    contacts.forEach((c, i) => {
      if (!ownerByUnit.has(c.unitId)) ownerByUnit.set(c.unitId, contactIds[i] ?? 1);
    });
    const reporterByDept = new Map<number, number>();
    const departmentPeopleIds = await tx.selectFrom('Person').select(['id', 'unitId']).where('role', '=', 'department').execute();
    for (const d of departmentPeopleIds) if (d.unitId !== null) reporterByDept.set(d.unitId, d.id);

    const days = 3 * 365;
    const at = (date: string, h: number) => new Date(`${date}T${String(h).padStart(2, '0')}:00:00+08:00`).toISOString();
    type Plan = { row: Insertable<DB['Hazard']>; events: Array<Omit<Insertable<DB['HazardEvent']>, 'hazardId'>> };
    for (let from = 1; from <= shape.hazards; from += CHUNK) {
      const plans: Plan[] = [];
      for (let i = from; i < from + CHUNK && i <= shape.hazards; i++) {
        const e = pick(county.enterprises);
        const ownerId = ownerByUnit.get(e.id) ?? 1;
        const reporterId = reporterByDept.get(e.supervisorId) ?? 1;
        const age = Math.floor(rnd() ** 2 * days); // more recent hazards than old ones
        const created = addDays(shape.today, -age);
        const deadline = addDays(created, 3 + Math.floor(rnd() * 57));
        const closed = age > 20 ? rnd() < 0.97 : rnd() < 0.3;
        const closedOn = closed ? addDays(created, Math.min(age, 2 + Math.floor(rnd() * 70))) : null;
        const progress = closed ? 100 : Math.floor(rnd() * 10) * 10;
        const status = closed ? 'closed' : progress === 0 ? 'registered' : 'rectifying';
        const level = rnd() < 0.08 ? 'major' : 'general';
        const description = `${e.name}${pick(DESCRIPTIONS)}`;
        const category = pick(CATEGORIES);
        const events: Plan['events'] = [{ type: 'created', actorId: reporterId, at: at(created, 9), text: '', data: '{}' }];
        if (progress > 0) events.push({ type: 'progress', actorId: ownerId, at: at(created, 15), text: '已安排整改', data: JSON.stringify({ progress: Math.min(progress, 60) }) });
        if (closedOn) {
          events.push({ type: 'submitted', actorId: ownerId, at: at(closedOn, 11), text: '', data: '{"progress":100}' });
          events.push({ type: 'accepted', actorId: reporterId, at: at(closedOn, 16), text: '', data: '{}' });
        }
        plans.push({
          row: {
            code: formatHazardCode(i), description, category, level, unitId: e.id, reporterId, ownerId, deadline, originalDeadline: deadline,
            status, progress, createdAt: at(created, 9), updatedAt: at(closedOn ?? created, 10), closedOn, closedAt: closedOn ? at(closedOn, 16) : null,
          },
          events,
        });
      }
      const hazardIds = await insertAll(tx, 'Hazard', plans.map((p) => p.row));
      await insertAll(tx, 'HazardEvent', plans.flatMap((p, k) => p.events.map((ev) => ({ ...ev, hazardId: hazardIds[k] ?? 0 }))));
    }
    await tx.insertInto('Counter').values({ name: 'hazard', value: shape.hazards }).execute();
  });
  // one file for the copies the bench makes: the WAL folded into it
  if (!isPostgresUrl(target.url)) sqliteConnection(db).pragma('wal_checkpoint(TRUNCATE)');
  await closeDatabase(db);
  return county;
}

import { compiledOnce } from './compiled-query.ts';
import { memoOf, sqlDate, type Db } from './database.ts';
import type { Group, GroupPurpose, Person, Platform, Role, Unit, UnitKind } from '../domain/types.ts';

type UnitRow = { id: number; name: string; kind: string; supervisorId: number | null; sector: string | null; blacklisted: number };
type PersonRow = Omit<Person, 'role'> & { role: string };
type GroupRow = Omit<Group, 'purpose'> & { purpose: string };

const toUnit = (r: UnitRow): Unit => ({ id: r.id, name: r.name, kind: r.kind as UnitKind, supervisorId: r.supervisorId, sector: r.sector, blacklisted: Boolean(r.blacklisted) });
const toPerson = (r: PersonRow): Person => ({
  id: r.id, name: r.name, role: r.role as Role, unitId: r.unitId,
  wecomId: r.wecomId, dingtalkId: r.dingtalkId, wechatId: r.wechatId, mobile: r.mobile,
});
const toGroup = (r: GroupRow): Group => ({
  id: r.id, name: r.name, unitId: r.unitId, purpose: r.purpose as GroupPurpose,
  wecomId: r.wecomId, dingtalkId: r.dingtalkId, wechatId: r.wechatId,
});

const PLATFORM_ID_FIELD = { wechaty: 'wechatId', dingtalk: 'dingtalkId', wecom: 'wecomId' } as const;

/** Every unit's name, as last read, with the highest id it was read at. */
interface KnownUnitNames { lastId: number | null; names: readonly string[] }
const UNIT_NAMES = 'roster.unitNames';

// the lookups every message makes, compiled once (compiled-query.ts)
const personByIdQuery = compiledOnce((db: Db, id: number) => db.selectFrom('Person').select(PERSON).where('id', '=', id));
const peopleByNameQuery = compiledOnce((db: Db, name: string) => db.selectFrom('Person').select(PERSON).where('name', '=', name).orderBy('id'));
const groupByIdQuery = compiledOnce((db: Db, id: number) => db.selectFrom('Group').select(GROUP).where('id', '=', id));
const groupByNameQuery = compiledOnce((db: Db, name: string) => db.selectFrom('Group').select(GROUP).where('name', '=', name));
// a room's audience (a unit and the units it supervises) is read on every reply about a hazard
const unitByIdQuery = compiledOnce((db: Db, id: number) => db.selectFrom('Unit').select(UNIT).where('id', '=', id));
const unitsSupervisedByQuery = compiledOnce((db: Db, unitId: number) => db.selectFrom('Unit').select(UNIT).where('supervisorId', '=', unitId).orderBy('id'));
const unitAndSupervisedQuery = compiledOnce((db: Db, unitId: number, supervisorId: number) =>
  db.selectFrom('Unit').select(['id', 'supervisorId']).where((eb) => eb.or([eb('id', '=', unitId), eb('supervisorId', '=', supervisorId)])).orderBy('id'));
// and those of every registration: its unit, the unit's groups, the check that the unit names are current
const unitByNameQuery = compiledOnce((db: Db, name: string) => db.selectFrom('Unit').select(UNIT).where('name', '=', name));
const groupsOfUnitQuery = compiledOnce((db: Db, unitId: number) => db.selectFrom('Group').select(GROUP).where('unitId', '=', unitId).orderBy('id'));
const lastUnitIdQuery = compiledOnce((db: Db) => db.selectFrom('Unit').select((eb) => eb.fn.max('id').as('lastId')));

const UNIT = ['id', 'name', 'kind', 'supervisorId', 'sector', 'blacklisted'] as const;
const PERSON = ['id', 'name', 'role', 'unitId', 'wecomId', 'dingtalkId', 'wechatId', 'mobile'] as const;
const GROUP = ['id', 'name', 'unitId', 'purpose', 'wecomId', 'dingtalkId', 'wechatId'] as const;

export interface UnitInput { name: string; kind: UnitKind; supervisorId: number | null; sector: string | null }
export interface PersonInput { name: string; unitId: number | null; role: Role; wecomId?: string | null; dingtalkId?: string | null; wechatId?: string | null; mobile?: string | null }
export interface GroupInput { name: string; unitId: number | null; purpose: GroupPurpose; wecomId?: string | null; dingtalkId?: string | null; wechatId?: string | null }

/** Units, people and groups: who is who, and where they talk. */
export function createRosterRepository(db: Db) {
  const units = () => db.selectFrom('Unit').select(UNIT);
  const people = () => db.selectFrom('Person').select(PERSON);
  const groups = () => db.selectFrom('Group').select(GROUP);

  async function unitById(id: number): Promise<Unit | null> {
    const [r] = (await unitByIdQuery(db, id)).rows;
    return r ? toUnit(r) : null;
  }
  async function personById(id: number): Promise<Person | null> {
    const [r] = (await personByIdQuery(db, id)).rows;
    return r ? toPerson(r) : null;
  }
  async function groupById(id: number): Promise<Group | null> {
    const [r] = (await groupByIdQuery(db, id)).rows;
    return r ? toGroup(r) : null;
  }
  const must = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} not found`);
    return value;
  };

  return {
    unitById,
    async unitByName(name: string): Promise<Unit | null> {
      const [r] = (await unitByNameQuery(db, name)).rows;
      return r ? toUnit(r) : null;
    },
    async units(): Promise<Unit[]> {
      return (await units().orderBy('id').execute()).map(toUnit);
    },
    /**
     * Every unit's name, in roster order: what a registration's text is matched against. Read again
     * only when a unit was added: reading 1,000 names cost more than the rest of a registration's
     * queries together, the highest id costs one index lookup (a count scans the table). That
     * check is exact because units are never renamed or deleted (whoever adds that drops the kept
     * list there too), a unit added here drops it (below: SQLite may give a rolled-back id out
     * again), and ids from other instances on PostgreSQL only grow.
     */
    async unitNames(): Promise<readonly string[]> {
      const memo = memoOf(db);
      const lastId = (await lastUnitIdQuery(db)).rows[0]?.lastId ?? null;
      const kept = memo.get(UNIT_NAMES) as KnownUnitNames | undefined;
      if (kept && kept.lastId === lastId) return kept.names;
      const names = (await db.selectFrom('Unit').select('name').orderBy('id').execute()).map((r) => r.name);
      memo.set(UNIT_NAMES, { lastId, names } satisfies KnownUnitNames);
      return names;
    },
    async unitsSupervisedBy(unitId: number): Promise<Unit[]> {
      return (await unitsSupervisedByQuery(db, unitId)).rows.map(toUnit);
    },
    /** The unit's id followed by the ids of the units it supervises directly (in id order); null when there is no such unit. One query: every reply about a hazard asks it. */
    async unitAndSupervisedIds(unitId: number): Promise<number[] | null> {
      const rows = (await unitAndSupervisedQuery(db, unitId, unitId)).rows;
      if (!rows.some((r) => r.id === unitId)) return null;
      return [unitId, ...rows.filter((r) => r.id !== unitId).map((r) => r.id)];
    },
    /** Creates or updates a unit by name (a new one stamped `at`); returns it and whether anything changed. */
    async upsertUnit(input: UnitInput, at: Date): Promise<{ unit: Unit; changed: boolean }> {
      const existing = await units().where('name', '=', input.name).executeTakeFirst();
      if (!existing) {
        memoOf(db).delete(UNIT_NAMES);
        const { id } = await db.insertInto('Unit').values({ ...input, createdAt: sqlDate(at) }).returning('id').executeTakeFirstOrThrow();
        return { unit: must(await unitById(id), 'unit'), changed: true };
      }
      const same = existing.kind === input.kind && existing.supervisorId === input.supervisorId && existing.sector === input.sector;
      if (same) return { unit: toUnit(existing), changed: false };
      await db.updateTable('Unit').set(input).where('id', '=', existing.id).execute();
      return { unit: must(await unitById(existing.id), 'unit'), changed: true };
    },

    /** Marks a unit as a government investment project with its owner, or unmarks it (null); whether it changed. */
    async setGovernmentProject(unitId: number, project: { ownerId: number | null } | null): Promise<boolean> {
      const row = await db.selectFrom('Unit').select(['governmentProject', 'projectOwnerId']).where('id', '=', unitId).executeTakeFirst();
      const wanted = { governmentProject: project ? 1 : 0, projectOwnerId: project?.ownerId ?? null };
      if (!row || (Number(row.governmentProject) === wanted.governmentProject && row.projectOwnerId === wanted.projectOwnerId)) return false;
      await db.updateTable('Unit').set(wanted).where('id', '=', unitId).execute();
      return true;
    },

    /** Government investment projects: unit id → owning department's id. */
    async governmentProjects(): Promise<Map<number, number | null>> {
      const rows = await db.selectFrom('Unit').select(['id', 'projectOwnerId']).where('governmentProject', '=', 1).orderBy('id').execute();
      return new Map(rows.map((r) => [r.id, r.projectOwnerId]));
    },

    personById,
    async peopleByName(name: string): Promise<Person[]> {
      return (await peopleByNameQuery(db, name)).rows.map(toPerson);
    },
    async peopleByIds(ids: number[]): Promise<Person[]> {
      if (ids.length === 0) return [];
      // most replies mention one person (the owner)
      if (ids.length === 1 && ids[0] !== undefined) {
        const person = await personById(ids[0]);
        return person ? [person] : [];
      }
      const byId = new Map((await people().where('id', 'in', ids).execute()).map((r) => [r.id, toPerson(r)]));
      return ids.flatMap((id) => {
        const person = byId.get(id);
        return person ? [person] : [];
      });
    },
    async people(): Promise<Person[]> {
      return (await people().orderBy('id').execute()).map(toPerson);
    },
    async peopleOfUnit(unitId: number): Promise<Person[]> {
      return (await people().where('unitId', '=', unitId).orderBy('id').execute()).map(toPerson);
    },
    async personByPlatformId(platform: Platform, id: string): Promise<Person | null> {
      if (platform === 'console') return null;
      const r = await people().where(PLATFORM_ID_FIELD[platform], '=', id).executeTakeFirst();
      return r ? toPerson(r) : null;
    },
    async upsertPerson(input: PersonInput, at: Date): Promise<{ person: Person; changed: boolean }> {
      const existing = await people().where('name', '=', input.name)
        .where((eb) => (input.unitId === null ? eb('unitId', 'is', null) : eb('unitId', '=', input.unitId)))
        .orderBy('id').executeTakeFirst();
      const data = {
        name: input.name, unitId: input.unitId, role: input.role,
        // an id the roster does not give stays as it was bound (a claim, a confirmation)
        wecomId: input.wecomId ?? existing?.wecomId ?? null, dingtalkId: input.dingtalkId ?? existing?.dingtalkId ?? null,
        wechatId: input.wechatId ?? existing?.wechatId ?? null, mobile: input.mobile ?? null,
      };
      if (!existing) {
        const { id } = await db.insertInto('Person').values({ ...data, createdAt: sqlDate(at) }).returning('id').executeTakeFirstOrThrow();
        return { person: must(await personById(id), 'person'), changed: true };
      }
      const same = (Object.keys(data) as (keyof typeof data)[]).every((k) => existing[k] === data[k]);
      if (same) return { person: toPerson(existing), changed: false };
      await db.updateTable('Person').set(data).where('id', '=', existing.id).execute();
      return { person: must(await personById(existing.id), 'person'), changed: true };
    },
    async setRole(personId: number, role: Role): Promise<Person> {
      await db.updateTable('Person').set({ role }).where('id', '=', personId).execute();
      return must(await personById(personId), `person ${personId}`);
    },
    async bindPersonPlatformId(personId: number, platform: Exclude<Platform, 'console'>, id: string): Promise<void> {
      await db.updateTable('Person').set({ [PLATFORM_ID_FIELD[platform]]: id }).where('id', '=', personId).execute();
    },

    /** Forgets every person's id on one platform (wechat4u hands out new ids on each login). */
    async clearPersonPlatformIds(platform: Exclude<Platform, 'console'>): Promise<number> {
      const field = PLATFORM_ID_FIELD[platform];
      const result = await db.updateTable('Person').set({ [field]: null }).where(field, 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Forgets every group's chat id on one platform (wechat4u room ids die with the login too). */
    async clearGroupPlatformIds(platform: Exclude<Platform, 'console'>): Promise<number> {
      const field = PLATFORM_ID_FIELD[platform];
      const result = await db.updateTable('Group').set({ [field]: null }).where(field, 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    groupById,
    async groupByName(name: string): Promise<Group | null> {
      const [r] = (await groupByNameQuery(db, name)).rows;
      return r ? toGroup(r) : null;
    },
    async groupByPlatformId(platform: Platform, id: string): Promise<Group | null> {
      if (platform === 'console') return null;
      const r = await groups().where(PLATFORM_ID_FIELD[platform], '=', id).executeTakeFirst();
      return r ? toGroup(r) : null;
    },
    async groups(): Promise<Group[]> {
      return (await groups().orderBy('id').execute()).map(toGroup);
    },
    async groupsOfUnit(unitId: number): Promise<Group[]> {
      return (await groupsOfUnitQuery(db, unitId)).rows.map(toGroup);
    },
    /** The groups bound to each of these units. */
    async groupsOfUnits(unitIds: readonly number[]): Promise<Map<number, Group[]>> {
      const byUnit = new Map<number, Group[]>();
      if (unitIds.length === 0) return byUnit;
      for (const r of await groups().where('unitId', 'in', [...unitIds]).orderBy('id').execute()) {
        const group = toGroup(r);
        if (group.unitId !== null) byUnit.set(group.unitId, [...(byUnit.get(group.unitId) ?? []), group]);
      }
      return byUnit;
    },
    /** Units that supervise others (departments, towns, parks), with the ids of the units they supervise. */
    async supervisors(): Promise<Array<{ unit: Unit; supervised: number[] }>> {
      const links = await db.selectFrom('Unit').select(['id', 'supervisorId']).where('supervisorId', 'is not', null).orderBy('id').execute();
      const supervised = new Map<number, number[]>();
      for (const l of links) if (l.supervisorId !== null) supervised.set(l.supervisorId, [...(supervised.get(l.supervisorId) ?? []), l.id]);
      if (supervised.size === 0) return [];
      const rows = await units().where('id', 'in', [...supervised.keys()]).orderBy('id').execute();
      return rows.map((r) => ({ unit: toUnit(r), supervised: supervised.get(r.id) ?? [] }));
    },
    async groupsByPurpose(purpose: GroupPurpose): Promise<Group[]> {
      return (await groups().where('purpose', '=', purpose).orderBy('id').execute()).map(toGroup);
    },
    async upsertGroup(input: GroupInput, at: Date): Promise<{ group: Group; changed: boolean }> {
      const existing = await groups().where('name', '=', input.name).executeTakeFirst();
      const data = {
        name: input.name, unitId: input.unitId, purpose: input.purpose,
        wecomId: input.wecomId ?? existing?.wecomId ?? null,
        dingtalkId: input.dingtalkId ?? existing?.dingtalkId ?? null,
        wechatId: input.wechatId ?? existing?.wechatId ?? null,
      };
      if (!existing) {
        const { id } = await db.insertInto('Group').values({ ...data, createdAt: sqlDate(at) }).returning('id').executeTakeFirstOrThrow();
        return { group: must(await groupById(id), 'group'), changed: true };
      }
      const same = (Object.keys(data) as (keyof typeof data)[]).every((k) => existing[k] === data[k]);
      if (same) return { group: toGroup(existing), changed: false };
      await db.updateTable('Group').set(data).where('id', '=', existing.id).execute();
      return { group: must(await groupById(existing.id), 'group'), changed: true };
    },
    async updateGroup(id: number, data: { unitId?: number | null; purpose?: GroupPurpose }): Promise<Group> {
      if (Object.keys(data).length > 0) await db.updateTable('Group').set(data).where('id', '=', id).execute();
      return must(await groupById(id), `group ${id}`);
    },
    /** Moves a platform id onto this group (ids of re-logged-in accounts change). */
    async bindGroupPlatformId(groupId: number, platform: Exclude<Platform, 'console'>, id: string): Promise<void> {
      const field = PLATFORM_ID_FIELD[platform];
      await db.updateTable('Group').set({ [field]: null }).where(field, '=', id).where('id', '!=', groupId).execute();
      await db.updateTable('Group').set({ [field]: id }).where('id', '=', groupId).execute();
    },
  };
}

export type RosterRepository = ReturnType<typeof createRosterRepository>;

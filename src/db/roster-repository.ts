import type { DbTx } from './client.ts';
import { statement } from './statements.ts';
import type { Group, GroupPurpose, Person, Platform, Role, Unit, UnitKind } from '../domain/types.ts';

type UnitRow = { id: number; name: string; kind: string; supervisorId: number | null; sector: string | null; blacklisted: boolean | number };
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

// The lookups every message makes run as prepared statements (see statements.ts); writes,
// which are rare, go through Prisma.
const UNIT = 'SELECT id, name, kind, supervisorId, sector, blacklisted FROM "Unit"';
const PERSON = 'SELECT id, name, role, unitId, wecomId, dingtalkId, wechatId, mobile FROM "Person"';
const GROUP = 'SELECT id, name, unitId, purpose, wecomId, dingtalkId, wechatId FROM "Group"';

export interface UnitInput { name: string; kind: UnitKind; supervisorId: number | null; sector: string | null }
export interface PersonInput { name: string; unitId: number | null; role: Role; wecomId?: string | null; dingtalkId?: string | null; wechatId?: string | null; mobile?: string | null }
export interface GroupInput { name: string; unitId: number | null; purpose: GroupPurpose; wecomId?: string | null; dingtalkId?: string | null; wechatId?: string | null }

/** Units, people and groups: who is who, and where they talk. */
export function createRosterRepository(db: DbTx) {
  return {
    async unitById(id: number): Promise<Unit | null> {
      const r = statement(db, `${UNIT} WHERE id = ?`).get(id) as UnitRow | undefined;
      return r ? toUnit(r) : null;
    },
    async unitByName(name: string): Promise<Unit | null> {
      const r = statement(db, `${UNIT} WHERE name = ?`).get(name) as UnitRow | undefined;
      return r ? toUnit(r) : null;
    },
    async units(): Promise<Unit[]> {
      return (statement(db, `${UNIT} ORDER BY id`).all() as UnitRow[]).map(toUnit);
    },
    /** Every unit's name: what a registration's text is matched against, without building 1,000 Unit objects. */
    async unitNames(): Promise<string[]> {
      return statement(db, 'SELECT name FROM "Unit" ORDER BY id').pluck(true).all() as string[];
    },
    async unitsSupervisedBy(unitId: number): Promise<Unit[]> {
      return (statement(db, `${UNIT} WHERE supervisorId = ? ORDER BY id`).all(unitId) as UnitRow[]).map(toUnit);
    },
    /** Creates or updates a unit by name; returns it and whether anything changed. */
    async upsertUnit(input: UnitInput): Promise<{ unit: Unit; changed: boolean }> {
      const existing = await db.unit.findUnique({ where: { name: input.name } });
      if (!existing) return { unit: toUnit(await db.unit.create({ data: input })), changed: true };
      const same = existing.kind === input.kind && existing.supervisorId === input.supervisorId && existing.sector === input.sector;
      if (same) return { unit: toUnit(existing), changed: false };
      return { unit: toUnit(await db.unit.update({ where: { id: existing.id }, data: input })), changed: true };
    },

    async personById(id: number): Promise<Person | null> {
      const r = statement(db, `${PERSON} WHERE id = ?`).get(id) as PersonRow | undefined;
      return r ? toPerson(r) : null;
    },
    async peopleByName(name: string): Promise<Person[]> {
      return (statement(db, `${PERSON} WHERE name = ? ORDER BY id`).all(name) as PersonRow[]).map(toPerson);
    },
    async peopleByIds(ids: number[]): Promise<Person[]> {
      return ids.flatMap((id) => {
        const r = statement(db, `${PERSON} WHERE id = ?`).get(id) as PersonRow | undefined;
        return r ? [toPerson(r)] : [];
      });
    },
    async people(): Promise<Person[]> {
      return (await db.person.findMany({ orderBy: { id: 'asc' } })).map(toPerson);
    },
    async peopleOfUnit(unitId: number): Promise<Person[]> {
      return (await db.person.findMany({ where: { unitId }, orderBy: { id: 'asc' } })).map(toPerson);
    },
    async personByPlatformId(platform: Platform, id: string): Promise<Person | null> {
      if (platform === 'console') return null;
      const r = statement(db, `${PERSON} WHERE ${PLATFORM_ID_FIELD[platform]} = ?`).get(id) as PersonRow | undefined;
      return r ? toPerson(r) : null;
    },
    async upsertPerson(input: PersonInput): Promise<{ person: Person; changed: boolean }> {
      const existing = await db.person.findFirst({ where: { name: input.name, unitId: input.unitId } });
      const data = {
        name: input.name, unitId: input.unitId, role: input.role,
        // an id the roster does not give stays as it was bound (a claim, a confirmation)
        wecomId: input.wecomId ?? existing?.wecomId ?? null, dingtalkId: input.dingtalkId ?? existing?.dingtalkId ?? null,
        wechatId: input.wechatId ?? existing?.wechatId ?? null, mobile: input.mobile ?? null,
      };
      if (!existing) return { person: toPerson(await db.person.create({ data })), changed: true };
      const same = (Object.keys(data) as (keyof typeof data)[]).every((k) => existing[k] === data[k]);
      if (same) return { person: toPerson(existing), changed: false };
      return { person: toPerson(await db.person.update({ where: { id: existing.id }, data })), changed: true };
    },
    async setRole(personId: number, role: Role): Promise<Person> {
      return toPerson(await db.person.update({ where: { id: personId }, data: { role } }));
    },
    async bindPersonPlatformId(personId: number, platform: Exclude<Platform, 'console'>, id: string): Promise<void> {
      await db.person.update({ where: { id: personId }, data: { [PLATFORM_ID_FIELD[platform]]: id } });
    },

    /** Forgets every person's id on one platform (wechat4u hands out new ids on each login). */
    async clearPersonPlatformIds(platform: Exclude<Platform, 'console'>): Promise<number> {
      const field = PLATFORM_ID_FIELD[platform];
      return (await db.person.updateMany({ where: { NOT: { [field]: null } }, data: { [field]: null } })).count;
    },

    /** Forgets every group's chat id on one platform (wechat4u room ids die with the login too). */
    async clearGroupPlatformIds(platform: Exclude<Platform, 'console'>): Promise<number> {
      const field = PLATFORM_ID_FIELD[platform];
      return (await db.group.updateMany({ where: { NOT: { [field]: null } }, data: { [field]: null } })).count;
    },

    async groupById(id: number): Promise<Group | null> {
      const r = statement(db, `${GROUP} WHERE id = ?`).get(id) as GroupRow | undefined;
      return r ? toGroup(r) : null;
    },
    async groupByName(name: string): Promise<Group | null> {
      const r = statement(db, `${GROUP} WHERE name = ?`).get(name) as GroupRow | undefined;
      return r ? toGroup(r) : null;
    },
    async groupByPlatformId(platform: Platform, id: string): Promise<Group | null> {
      if (platform === 'console') return null;
      const r = statement(db, `${GROUP} WHERE ${PLATFORM_ID_FIELD[platform]} = ?`).get(id) as GroupRow | undefined;
      return r ? toGroup(r) : null;
    },
    async groups(): Promise<Group[]> {
      return (await db.group.findMany({ orderBy: { id: 'asc' } })).map(toGroup);
    },
    async groupsOfUnit(unitId: number): Promise<Group[]> {
      return (statement(db, `${GROUP} WHERE unitId = ? ORDER BY id`).all(unitId) as GroupRow[]).map(toGroup);
    },
    /** The groups bound to each of these units. */
    async groupsOfUnits(unitIds: readonly number[]): Promise<Map<number, Group[]>> {
      const byUnit = new Map<number, Group[]>();
      if (unitIds.length === 0) return byUnit;
      for (const r of await db.group.findMany({ where: { unitId: { in: [...unitIds] } }, orderBy: { id: 'asc' } })) {
        const group = toGroup(r);
        if (group.unitId !== null) byUnit.set(group.unitId, [...(byUnit.get(group.unitId) ?? []), group]);
      }
      return byUnit;
    },
    /** Units that supervise others (departments, towns, parks), with the ids of the units they supervise. */
    async supervisors(): Promise<Array<{ unit: Unit; supervised: number[] }>> {
      const rows = await db.unit.findMany({ where: { supervised: { some: {} } }, include: { supervised: { select: { id: true } } }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ unit: toUnit(r), supervised: r.supervised.map((s) => s.id) }));
    },
    async groupsByPurpose(purpose: GroupPurpose): Promise<Group[]> {
      return (await db.group.findMany({ where: { purpose }, orderBy: { id: 'asc' } })).map(toGroup);
    },
    async upsertGroup(input: GroupInput): Promise<{ group: Group; changed: boolean }> {
      const existing = await db.group.findUnique({ where: { name: input.name } });
      const data = {
        name: input.name, unitId: input.unitId, purpose: input.purpose,
        wecomId: input.wecomId ?? existing?.wecomId ?? null,
        dingtalkId: input.dingtalkId ?? existing?.dingtalkId ?? null,
        wechatId: input.wechatId ?? existing?.wechatId ?? null,
      };
      if (!existing) return { group: toGroup(await db.group.create({ data })), changed: true };
      const same = (Object.keys(data) as (keyof typeof data)[]).every((k) => existing[k] === data[k]);
      if (same) return { group: toGroup(existing), changed: false };
      return { group: toGroup(await db.group.update({ where: { id: existing.id }, data })), changed: true };
    },
    async updateGroup(id: number, data: { unitId?: number | null; purpose?: GroupPurpose }): Promise<Group> {
      return toGroup(await db.group.update({ where: { id }, data }));
    },
    /** Moves a platform id onto this group (ids of re-logged-in accounts change). */
    async bindGroupPlatformId(groupId: number, platform: Exclude<Platform, 'console'>, id: string): Promise<void> {
      const field = PLATFORM_ID_FIELD[platform];
      await db.group.updateMany({ where: { [field]: id, NOT: { id: groupId } }, data: { [field]: null } });
      await db.group.update({ where: { id: groupId }, data: { [field]: id } });
    },
  };
}

export type RosterRepository = ReturnType<typeof createRosterRepository>;

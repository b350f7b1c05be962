import type { Hazard, Person, Unit } from './types.ts';

/** The hazard facts a permission rule looks at. */
export type HazardScope = Pick<Hazard, 'unitId' | 'ownerId' | 'reporterId'> & { unitSupervisorId: number | null };

/** Why an action is refused; each has a reply text in i18n. */
export type PermissionRefusal = 'not_own_unit' | 'not_supervisor' | 'not_leader' | 'admin_only' | 'not_visible' | 'role_cannot_register' | 'cannot_urge';

/** Owners and contacts of the hazard's unit do the rectification work; admins may act for them. */
export function canRectify(person: Person, hazard: HazardScope): PermissionRefusal | null {
  if (person.role === 'admin' || person.id === hazard.ownerId) return null;
  if (person.role === 'contact' && person.unitId === hazard.unitId) return null;
  return 'not_own_unit';
}

/** Only the supervising department of the hazard's unit (or an admin) accepts, rejects and decides extensions. */
export function canReview(person: Person, hazard: HazardScope): PermissionRefusal | null {
  if (person.role === 'admin') return null;
  if (person.role === 'department' && person.unitId !== null && person.unitId === hazard.unitSupervisorId) return null;
  return 'not_supervisor';
}

/** Listing a hazard for supervision (挂牌督办) and undoing it is for county leaders (and admins). */
export function canSupervise(person: Person): PermissionRefusal | null {
  return person.role === 'leader' || person.role === 'admin' ? null : 'not_leader';
}

/** 催办: a leader, the supervising department, or an admin presses the unit to get on with it. */
export function canUrge(person: Person, hazard: HazardScope): PermissionRefusal | null {
  return canSupervise(person) === null || canReview(person, hazard) === null ? null : 'cannot_urge';
}

/** Who may see a hazard's details: leaders and admins all; a department its supervised units; a unit its own. */
export function canView(person: Person, hazard: HazardScope): PermissionRefusal | null {
  if (person.role === 'admin' || person.role === 'leader') return null;
  if (person.id === hazard.ownerId || person.id === hazard.reporterId) return null;
  if (person.unitId !== null && person.unitId === hazard.unitId) return null;
  if (person.role === 'department' && person.unitId !== null && person.unitId === hazard.unitSupervisorId) return null;
  return 'not_visible';
}

/**
 * Departments, leaders and admins register hazards anywhere (inspections cross sectors);
 * a unit contact registers its own unit's hazards (自查自报).
 */
export function canRegister(person: Person, unit: Pick<Unit, 'id'>): PermissionRefusal | null {
  if (person.role !== 'contact') return null;
  return person.unitId === unit.id ? null : 'not_own_unit';
}

/** Configuring groups, people and roles is for admins. */
export function canConfigure(person: Person): PermissionRefusal | null {
  return person.role === 'admin' ? null : 'admin_only';
}

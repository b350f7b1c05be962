import { personScope } from '../features/hazard-scope.ts';
import { cardExtras } from '../cards/card-extras.ts';
import type { OpenByRow } from '../db/dashboard-repository.ts';
import type { Store } from '../db/store.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import type { TrendPoint } from '../domain/card.ts';
import type { Digest } from '../domain/digest.ts';
import type { EnforcementRecord, UnitEnforcement } from '../domain/enforcement.ts';
import type { HazardEvent, HazardView, LocalDate, Person, Unit } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/** Overdue items the dashboard lists; the rest is counted. */
export const DASHBOARD_LIST_LIMIT = 200;

/** What the dashboard's first page shows one viewer. */
export interface DashboardOverview {
  viewer: Person;
  /** 全县, or 应急管理局及所监管单位 */
  scope: string;
  now: Date;
  today: LocalDate;
  /** today's digest of the viewer's scope: the same figures the daily digest sends */
  digest: Digest;
  /** hazards due in the last 30 days and how many were closed by their deadline */
  onTime: { due: number; onTime: number; from: LocalDate };
  byUnit: OpenByRow[];
  /** the county's departments; null for a department's own view */
  byDepartment: OpenByRow[] | null;
  supervised: HazardView[];
  /** units of the scope under 停产整顿 or 关闭取缔 today (their names carry the mark everywhere on the page) */
  enforced: Array<{ unitId: number; name: string; status: UnitEnforcement }>;
  trend30: TrendPoint[];
  trend90: TrendPoint[];
}

/** The units a viewer may see (undefined: the county) and the words for them. */
export async function viewerScope(store: Store, viewer: Person): Promise<{ unitIds: number[] | undefined; scope: string }> {
  const unitIds = await personScope(store, viewer);
  if (unitIds === undefined) return { unitIds, scope: zh.digest.county };
  const unit = viewer.unitId === null ? null : await store.roster.unitById(viewer.unitId);
  return { unitIds, scope: unit ? zh.digest.supervised(unit.name) : viewer.name };
}

/** Everything the first page shows, from the same repositories as the digest and the cards. */
export async function dashboardOverview(store: Store, viewer: Person, now: Date): Promise<DashboardOverview> {
  const today = localDate(now);
  const { unitIds, scope } = await viewerScope(store, viewer);
  const from = addDays(today, -29);
  const [digest, onTime, byUnit, byDepartment, supervised, x30, x90] = await Promise.all([
    store.digests.digest({ from: today, to: today }, today, DASHBOARD_LIST_LIMIT, unitIds),
    store.dashboard.onTime({ from, to: today }, unitIds),
    store.dashboard.openBy('unit', today, unitIds),
    unitIds === undefined ? store.dashboard.openBy('department', today) : Promise.resolve(null),
    store.hazards.supervisedOpen(),
    cardExtras(store, today, 'unit', unitIds, 30),
    cardExtras(store, today, 'unit', unitIds, 90),
  ]);
  const inScope = (h: HazardView) => unitIds === undefined || unitIds.includes(h.unitId);
  const enforced = await store.enforcement.enforcedUnits(today, unitIds);
  const marks = new Map(enforced.map((u) => [u.unitId, zh.enforcement.mark(u.status, today)]));
  const marked = <T extends { unitId: number; unitName: string }>(x: T): T => (marks.has(x.unitId) ? { ...x, unitName: `${x.unitName}${marks.get(x.unitId)}` } : x);
  return {
    viewer, scope, now, today, onTime: { ...onTime, from }, byDepartment, enforced,
    digest: { ...digest, overdue: { ...digest.overdue, items: digest.overdue.items.map(marked) } },
    byUnit: byUnit.map((r) => (marks.has(r.id) ? { ...r, name: `${r.name}${marks.get(r.id)}` } : r)),
    supervised: supervised.filter(inScope).map(marked), trend30: x30.trend, trend90: x90.trend,
  };
}

/** The trend of the viewer's scope over the last `days` days (a chart of the first page). */
export async function dashboardTrend(store: Store, viewer: Person, now: Date, days: number): Promise<TrendPoint[]> {
  const { unitIds } = await viewerScope(store, viewer);
  return (await cardExtras(store, localDate(now), 'unit', unitIds, days)).trend;
}

/** One unit's page: its hazards, newest first, each with its history. */
export interface DashboardUnit {
  unit: Unit;
  /** what stands against the unit, and its enforcement records, newest last */
  enforcement: { status: UnitEnforcement; records: EnforcementRecord[] };
  hazards: Array<{ hazard: HazardView; events: HazardEvent[] }>;
}

/** Hazards a unit page lists (open ones first, then the latest closed). */
export const UNIT_PAGE_LIMIT = 100;

/** A unit's page, or null when the viewer may not see that unit (or it does not exist). */
export async function dashboardUnit(store: Store, viewer: Person, unitId: number): Promise<DashboardUnit | null> {
  const { unitIds } = await viewerScope(store, viewer);
  if (unitIds !== undefined && !unitIds.includes(unitId)) return null;
  const unit = await store.roster.unitById(unitId);
  if (!unit) return null;
  const list = await store.hazards.list({ unitIds: [unitId], includeClosed: true, limit: UNIT_PAGE_LIMIT });
  const ordered = [...list.filter((h) => h.status !== 'closed'), ...list.filter((h) => h.status === 'closed').reverse()];
  const hazards = [];
  for (const hazard of ordered) hazards.push({ hazard, events: await store.hazards.events(hazard.id) });
  const enforcement = { status: await store.enforcement.statusOf(unitId), records: await store.enforcement.ofUnit(unitId) };
  return { unit, hazards, enforcement };
}

/** Whether the viewer may see an evidence file, and where it is. */
export async function dashboardEvidence(store: Store, viewer: Person, sha256: string): Promise<{ path: string; mime: string } | null> {
  const found = await store.dashboard.evidence(sha256);
  if (!found) return null;
  const { unitIds } = await viewerScope(store, viewer);
  if (unitIds !== undefined && !found.unitIds.some((id) => unitIds.includes(id))) return null;
  return { path: found.path, mime: found.mime };
}

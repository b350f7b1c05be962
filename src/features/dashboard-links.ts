import { newDashboardKey, signDashboardToken, verifyDashboardToken } from './dashboard-token.ts';
import type { DashboardConfig } from '../core/config.ts';
import type { Store } from '../db/store.ts';
import type { Person } from '../domain/types.ts';

/** The name the dashboard's HMAC key is kept under (AppSecret). */
const KEY_NAME = 'dashboard-hmac';

/** The dashboard's key; made and kept the first time the bot needs it. */
export function dashboardKey(store: Store, now: Date): Promise<string> {
  return store.dashboard.secret(KEY_NAME, newDashboardKey, now);
}

/** A new key: every link handed out before stops working. */
export async function rotateDashboardKey(store: Store, now: Date): Promise<void> {
  await store.dashboard.replaceSecret(KEY_NAME, newDashboardKey(), now);
}

/** Hands a person a dashboard link valid for the configured hours; the link is on record. */
export async function issueDashboardLink(store: Store, person: Person, config: DashboardConfig, now: Date): Promise<{ url: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + config.linkHours * 3_600_000);
  const linkId = await store.dashboard.createLink(person.id, now, expiresAt);
  const token = signDashboardToken({ linkId, personId: person.id, expires: Math.floor(expiresAt.getTime() / 1000) }, await dashboardKey(store, now));
  return { url: `${config.publicUrl}/v/${token}/`, expiresAt };
}

export type LinkCheck = { viewer: Person; linkId: number } | { refused: 'invalid' | 'expired' | 'revoked' };

/**
 * Who a token lets in: its signature must be right with the current key, it must not have
 * expired, its record must exist for the same person and not be revoked, and the person must
 * still be in the roster with a role that may look (leader, department, admin).
 */
export async function checkDashboardLink(store: Store, token: string, now: Date): Promise<LinkCheck> {
  const claims = verifyDashboardToken(token, await dashboardKey(store, now), now);
  if (claims === 'invalid' || claims === 'expired') return { refused: claims };
  const link = await store.dashboard.link(claims.linkId);
  if (!link || link.personId !== claims.personId) return { refused: 'invalid' };
  if (link.revokedAt) return { refused: 'revoked' };
  if (link.expiresAt <= now) return { refused: 'expired' };
  const viewer = await store.roster.personById(claims.personId);
  if (!viewer || viewer.role === 'contact') return { refused: 'revoked' };
  return { viewer, linkId: claims.linkId };
}

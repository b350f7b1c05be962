import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a dashboard link carries: its record, the viewer and when it stops working. */
export interface DashboardClaims {
  linkId: number;
  personId: number;
  /** seconds since the epoch */
  expires: number;
}

const FORMAT = /^(\d{1,12})\.(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function signature(claims: DashboardClaims, key: string): string {
  return createHmac('sha256', key).update(`hz-dashboard:v1:${claims.linkId}:${claims.personId}:${claims.expires}`).digest('base64url');
}

/** A new HMAC key: 32 random bytes, hex. */
export function newDashboardKey(): string {
  return randomBytes(32).toString('hex');
}

/** `linkId.personId.expires.signature`: URL-safe, readable in a log, forgeable by no one without the key. */
export function signDashboardToken(claims: DashboardClaims, key: string): string {
  return `${claims.linkId}.${claims.personId}.${claims.expires}.${signature(claims, key)}`;
}

/**
 * The claims of a token whose signature is right, or why not: `invalid` (malformed, tampered,
 * or signed with a key since rotated) or `expired`. Revocation is the caller's check (the link's
 * record). The signature is compared in constant time.
 */
export function verifyDashboardToken(token: string, key: string, now: Date): DashboardClaims | 'invalid' | 'expired' {
  const m = FORMAT.exec(token);
  if (!m) return 'invalid';
  const claims: DashboardClaims = { linkId: Number(m[1]), personId: Number(m[2]), expires: Number(m[3]) };
  const expected = Buffer.from(signature(claims, key));
  const given = Buffer.from(m[4] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  if (claims.expires * 1000 <= now.getTime()) return 'expired';
  return claims;
}

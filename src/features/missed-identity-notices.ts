import type { BindingMethod, BoundPlatform } from '../db/identity-repository.ts';
import type { Store } from '../db/store.ts';
import type { Person } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';

/** The bindings the admins are told of as they happen (announceToAdmins). */
const ANNOUNCED: readonly BindingMethod[] = ['name', 'first_sight', 'admin', 'claim', 'confirm'];
/** Lines in one message: a phone screen; the rest is in the log. */
const SHOWN = 20;

/**
 * An admin with no account on a platform cannot be told privately of what happens there (a
 * private message needs their id), and a notice in a group would tell the wrong people. So the
 * notices wait in the binding log: when the admin's own account is bound there (claim or
 * confirmation), the admin gets what was logged on that platform since they were last reachable.
 */
export async function sendMissedIdentityNotices(store: Store, admin: Person, platform: BoundPlatform, at: Date): Promise<void> {
  if (admin.role !== 'admin') return;
  const own = await store.identity.eventsOfPerson(admin.id);
  const lastUnbound = own.filter((e) => e.platform === platform && e.method === 'unbound').at(-1)?.at;
  const wasBound = own.some((e) => e.platform === platform && e.method !== 'unbound' && e.at < at && (!lastUnbound || e.at > lastUnbound));
  if (wasBound) return;
  const events = (await store.identity.eventsOnPlatform(platform, lastUnbound ?? new Date(0), 500))
    .filter((e) => ANNOUNCED.includes(e.method) && e.personId !== admin.id && e.at <= at);
  if (events.length === 0) return;
  const lines = await Promise.all(events.slice(-SHOWN).map(async (e) => {
    const who = e.subject === 'group'
      ? `群「${(e.groupId !== null ? await store.roster.groupById(e.groupId) : null)?.name ?? '?'}」`
      : `「${(e.personId !== null ? await store.roster.personById(e.personId) : null)?.name ?? '?'}」`;
    return zh.identity.missedLine(e.at, who, zh.identity.methodLabels[e.method] ?? e.method);
  }));
  await store.outbox.enqueue({
    kind: 'push', groupId: null, personId: admin.id, text: zh.identity.missedNotices(platform, events.length, lines), mentions: [], extra: { job: 'identity' },
  }, at);
}

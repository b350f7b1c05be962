import type { Store } from '../db/store.ts';
import type { Person, Role } from '../domain/types.ts';

/**
 * Whether giving `person` the role `role` would leave the roster without an admin: then no one
 * could run 添加人员, 设置角色, 绑定本群 or 认领码 from a chat again.
 */
export async function removesLastAdmin(store: Store, person: Person, role: Role): Promise<boolean> {
  if (person.role !== 'admin' || role === 'admin') return false;
  const admins = (await store.roster.people()).filter((p) => p.role === 'admin');
  return admins.length <= 1;
}

import type { Store } from '../db/store.ts';
import { chainLeaders, type ChainLeaders, type ChainSubject } from '../domain/responsibility-chain.ts';

/**
 * Loads the roster's leader lines and the supervision tree once per run, and answers for each
 * hazard who its leader in charge and main leader are (the rule is src/domain/responsibility-chain.ts).
 */
export async function leaderChains(store: Store): Promise<(subject: ChainSubject) => ChainLeaders> {
  const charges = await store.leaders.charges();
  if (charges.length === 0) return () => ({ inCharge: null, main: null });
  const supervisorOf = new Map((await store.roster.units()).map((u) => [u.id, u.supervisorId]));
  return (subject) => chainLeaders(subject, charges, (id) => supervisorOf.get(id) ?? null);
}

/**
 * The supervising leader named in `挂牌督办 YH-0003 督办领导：刘县长` / `由刘县长督办` / `@刘县长`,
 * or null when none is named. Pure.
 */
export function parseSupervisingLeader(text: string, mentions: readonly string[]): string | null {
  if (mentions[0]) return mentions[0];
  const keyed = /(?:督办领导|牵头领导|包保领导|领导)\s*[:=为是]?\s*@?([^\s,;。，；]+)/.exec(text);
  if (keyed?.[1]) return keyed[1];
  const by = /由\s*@?([^\s,;。，；]+?)\s*(?:牵头)?督办/.exec(text);
  if (by?.[1]) return by[1];
  const bare = text.replace(/^[\s,;。，；:]+|[\s,;。，；]+$/g, '').replace(/^@/, '');
  return bare && !/\s/.test(bare) && bare.length <= 12 ? bare : null;
}

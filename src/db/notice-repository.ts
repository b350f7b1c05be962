import { fromSqlDate, type Db } from './database.ts';

/** A message the bot sent (or is sending) that names a hazard: who was told, when, and the text. */
export interface Notice {
  kind: 'reply' | 'push';
  /** when it went out; when it was written for one not sent yet */
  at: Date;
  status: 'pending' | 'sent' | 'failed';
  groupName: string | null;
  /** the person told privately */
  personName: string | null;
  /** the people @-mentioned with it */
  mentionNames: string[];
  text: string;
}

/** A code inside a text, not the start of a longer one (YH-0012 is not in YH-00120). */
const namesCode = (text: string, code: string) => new RegExp(`${code.replace(/[-]/g, '\\-')}(?!\\d)`).test(text);

/**
 * What the bot told whom about a hazard, from the outbox (every outgoing message is written there
 * before it is sent, and kept): the evidence of "who knew what, when" a 问责 review asks for.
 */
export function createNoticeRepository(db: Db) {
  return {
    /**
     * Every push naming the code, and every reply that @-mentioned someone about it (a reply
     * without a mention told only the person who asked), oldest first. Reads the outbox by text:
     * an on-demand look-up, not a hot path.
     */
    async aboutCode(code: string): Promise<Notice[]> {
      const rows = await db.selectFrom('OutboxMessage as o')
        .leftJoin('Group as g', 'g.id', 'o.groupId')
        .leftJoin('Person as p', 'p.id', 'o.personId')
        .select(['o.kind', 'o.text', 'o.mentions', 'o.status', 'o.sentAt', 'o.createdAt', 'g.name as groupName', 'p.name as personName'])
        .where('o.text', 'like', `%${code}%`).orderBy('o.id').execute();
      const kept = rows.filter((r) => namesCode(r.text, code) && (r.kind === 'push' || r.mentions !== '[]'));
      const ids = [...new Set(kept.flatMap((r) => JSON.parse(r.mentions) as number[]))];
      const names = new Map(ids.length === 0 ? [] : (await db.selectFrom('Person').select(['id', 'name']).where('id', 'in', ids).execute()).map((p) => [p.id, p.name]));
      return kept.map((r) => ({
        kind: r.kind as Notice['kind'], status: r.status as Notice['status'],
        at: fromSqlDate(r.sentAt ?? r.createdAt), groupName: r.groupName, personName: r.personName,
        mentionNames: (JSON.parse(r.mentions) as number[]).flatMap((id) => names.get(id) ?? []), text: r.text,
      }));
    },
  };
}

export type NoticeRepository = ReturnType<typeof createNoticeRepository>;

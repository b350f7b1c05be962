import { fromSqlDate, providerOf, sqlDate, type Db } from './database.ts';

/** One evidence file's bytes as kept in the database. */
export interface EvidenceContent {
  sha256: string;
  mime: string;
  size: number;
  data: Buffer;
  firstSeenAt: Date;
}

/**
 * Evidence bytes by content hash (`EvidenceContent`). Only PostgreSQL keeps them (every instance
 * reads the same rows); on SQLite the files stay under the data folder and this table stays empty.
 */
export function createEvidenceRepository(db: Db) {
  return {
    /** Whether this database keeps the evidence bytes: PostgreSQL does, SQLite leaves them to files. */
    holdsContent: providerOf(db) === 'postgresql',

    /** The hashes among `hashes` whose bytes are not kept yet: only those are sent to the server. */
    async missing(hashes: readonly string[]): Promise<Set<string>> {
      if (hashes.length === 0) return new Set();
      const kept = await db.selectFrom('EvidenceContent').select('sha256').where('sha256', 'in', [...hashes]).execute();
      const found = new Set(kept.map((r) => r.sha256));
      return new Set(hashes.filter((h) => !found.has(h)));
    },

    /**
     * Keeps the bytes once per hash: bytes already kept (by this or a concurrent transaction, which
     * this one waits for) are left as they are. Returns whether they were new.
     */
    async keep(file: Omit<EvidenceContent, 'firstSeenAt'>, at: Date): Promise<boolean> {
      const result = await db.insertInto('EvidenceContent')
        .values({ sha256: file.sha256, mime: file.mime, size: file.size, data: file.data, firstSeenAt: sqlDate(at) })
        .onConflict((oc) => oc.column('sha256').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /** The kept bytes of `sha256`, or null. */
    async content(sha256: string): Promise<EvidenceContent | null> {
      const row = await db.selectFrom('EvidenceContent').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      return row ? { ...row, firstSeenAt: fromSqlDate(row.firstSeenAt) } : null;
    },

    /** How many files and bytes are kept (运行状态, the import's summary). */
    async totals(): Promise<{ files: number; bytes: number }> {
      const row = await db.selectFrom('EvidenceContent')
        .select((eb) => [eb.fn.countAll<number>().as('files'), eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes')])
        .executeTakeFirstOrThrow();
      return { files: Number(row.files), bytes: Number(row.bytes) };
    },

    /** The type recorded for `sha256` by an event's or an enforcement record's attachment, or null. */
    async recordedMime(sha256: string): Promise<string | null> {
      const row = await db.selectFrom('Attachment').select('mime').where('sha256', '=', sha256)
        .union(db.selectFrom('EnforcementAttachment').select('mime').where('sha256', '=', sha256))
        .executeTakeFirst();
      return row?.mime ?? null;
    },
  };
}

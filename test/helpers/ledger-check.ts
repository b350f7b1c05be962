import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { replayEvents } from '../../src/domain/replay.ts';
import type { HazardEventType } from '../../src/domain/types.ts';

interface HazardRow {
  id: number;
  code: string;
  description: string;
  unitId: number;
  ownerId: number;
  level: string;
  status: string;
  progress: number;
  deadline: string;
  originalDeadline: string;
  extensionTo: string | null;
  closedOn: string | null;
}

interface EventRow {
  id: number;
  hazardId: number;
  type: string;
  text: string;
  data: string;
}

/** A ledger read straight from the SQLite file, independent of the app's repositories. */
export interface LedgerDump {
  hazards: Array<Omit<HazardRow, 'id'> & { events: Array<{ type: string; text: string }> }>;
  processed: string[];
  replies: number;
  /** every problem found; empty when the ledger is consistent */
  problems: string[];
}

/**
 * Reads and checks a ledger file: SQLite integrity and foreign keys, every hazard's lifecycle
 * fields equal to the replay of its events, codes numbered without gaps by the counter, no
 * orphan events or attachments, a closing date exactly on closed hazards.
 */
export function readLedger(file: string): LedgerDump {
  const db = new Database(file);
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk)}`);

    const hazards = db.prepare('SELECT id, code, description, unitId, ownerId, level, status, progress, deadline, originalDeadline, extensionTo, closedOn FROM Hazard ORDER BY id').all() as HazardRow[];
    const events = db.prepare('SELECT id, hazardId, type, text, data FROM HazardEvent ORDER BY at, id').all() as EventRow[];
    const byHazard = new Map<number, EventRow[]>();
    for (const e of events) byHazard.set(e.hazardId, [...(byHazard.get(e.hazardId) ?? []), e]);

    const ids = new Set(hazards.map((h) => h.id));
    for (const e of events) if (!ids.has(e.hazardId)) problems.push(`event ${e.id} belongs to no hazard (${e.hazardId})`);
    const orphanFiles = db.prepare('SELECT COUNT(*) AS n FROM Attachment WHERE eventId NOT IN (SELECT id FROM HazardEvent)').get() as { n: number };
    if (orphanFiles.n > 0) problems.push(`${orphanFiles.n} attachments belong to no event`);

    const counter = (db.prepare("SELECT value FROM Counter WHERE name = 'hazard'").get() as { value: number } | undefined)?.value ?? 0;
    if (counter !== hazards.length) problems.push(`counter ${counter} but ${hazards.length} hazards`);
    hazards.forEach((h, i) => {
      const expected = `YH-${String(i + 1).padStart(4, '0')}`;
      if (h.code !== expected) problems.push(`hazard ${h.id} is ${h.code}, expected ${expected}`);
      const history = (byHazard.get(h.id) ?? []).map((e) => ({ type: e.type as HazardEventType, data: JSON.parse(e.data) as Record<string, unknown> }));
      try {
        const replayed = replayEvents(history);
        const row = { status: h.status, progress: h.progress, deadline: h.deadline, extensionTo: h.extensionTo };
        if (JSON.stringify(row) !== JSON.stringify(replayed)) problems.push(`${h.code}: row ${JSON.stringify(row)} but events say ${JSON.stringify(replayed)}`);
      } catch (error) {
        problems.push(`${h.code}: ${(error as Error).message}`);
      }
      if ((h.status === 'closed') !== (h.closedOn !== null)) problems.push(`${h.code}: status ${h.status} with closedOn ${h.closedOn}`);
      const created = history[0]?.data;
      if (created && created.deadline !== h.originalDeadline) problems.push(`${h.code}: original deadline ${h.originalDeadline} but registered with ${String(created.deadline)}`);
    });

    const processed = (db.prepare('SELECT messageId FROM ProcessedMessage ORDER BY messageId').all() as Array<{ messageId: string }>).map((r) => r.messageId);
    const replies = (db.prepare("SELECT COUNT(*) AS n FROM OutboxMessage WHERE kind = 'reply'").get() as { n: number }).n;
    return {
      hazards: hazards.map(({ id, ...h }) => ({ ...h, events: (byHazard.get(id) ?? []).map((e) => ({ type: e.type, text: e.text })) })),
      processed, replies, problems,
    };
  } finally {
    db.close();
  }
}

/**
 * Every row of the ledger and the roster (hazards, events, attachments, people, groups, units,
 * counters) as one string: equal before and after means nothing was written.
 */
export function ledgerFingerprint(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = ['Hazard', 'HazardEvent', 'Attachment', 'Person', 'Group', 'Unit', 'Counter', 'CreditListEntry', 'Reinspection'];
    return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  } finally {
    db.close();
  }
}

/**
 * The same fingerprint read through the bot's own database handle, on either provider (rows in
 * id order; the counter by name). Compare two fingerprints taken the same way.
 */
export async function ledgerFingerprintOf(db: Db): Promise<string> {
  const tables = ['Hazard', 'HazardEvent', 'Attachment', 'Person', 'Group', 'Unit', 'Counter', 'CreditListEntry', 'Reinspection'];
  const rows = [];
  for (const t of tables) rows.push((await sql`SELECT * FROM ${sql.table(t)} ORDER BY ${sql.ref(t === 'Counter' ? 'name' : 'id')}`.execute(db)).rows);
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

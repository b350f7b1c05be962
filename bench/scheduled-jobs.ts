// Times each scheduled job on a seeded 100,000-hazard ledger: `npx tsx bench/scheduled-jobs.ts [hazards]`.
// The seed is written with better-sqlite3 directly (Prisma would take minutes); the jobs then run
// exactly as the scheduler runs them: one transaction each, through the real repositories.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeDatabase, openSqlite } from '../src/db/database.ts';
import { applySqliteMigrations } from '../src/db/migrate.ts';
import { timeJobs } from './time-jobs.ts';
import { addDays, atLocal } from '../src/domain/calendar.ts';

const HAZARDS = Number(process.argv[2] ?? 100_000);
const DEPARTMENTS = 20;
const UNITS = 600;
const TODAY = '2026-12-07';
const CATEGORIES = ['危化品', '消防', '建筑施工', '道路交通', '非煤矿山', '其他'];

/** A small deterministic generator, so every run seeds the same ledger. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const stamp = (d: Date) => d.toISOString().replace('Z', '+00:00');

function seed(file: string): void {
  const db = new Database(file);
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  db.exec('BEGIN');
  const unit = db.prepare('INSERT INTO Unit (id, name, kind, supervisorId, createdAt) VALUES (?, ?, ?, ?, ?)');
  const person = db.prepare('INSERT INTO Person (id, name, unitId, role, createdAt) VALUES (?, ?, ?, ?, ?)');
  const group = db.prepare('INSERT INTO "Group" (id, name, unitId, purpose, createdAt) VALUES (?, ?, ?, ?, ?)');
  const created = stamp(new Date());
  for (let d = 1; d <= DEPARTMENTS; d += 1) {
    unit.run(d, `部门${d}`, 'department', null, created);
    person.run(d, `部门负责人${d}`, d, 'department', created);
    group.run(d, `部门${d}监管群`, d, 'unit', created);
  }
  for (let u = DEPARTMENTS + 1; u <= DEPARTMENTS + UNITS; u += 1) {
    unit.run(u, `企业${u}`, 'enterprise', 1 + (u % DEPARTMENTS), created);
    person.run(u, `联系人${u}`, u, 'contact', created);
    group.run(u, `企业${u}安全群`, u, 'unit', created);
  }
  group.run(DEPARTMENTS + UNITS + 1, '县领导群', null, 'leaders', created);

  const hazard = db.prepare(`INSERT INTO Hazard (id, code, description, category, level, unitId, reporterId, ownerId, deadline, originalDeadline,
    status, progress, createdAt, updatedAt, closedOn, closedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const event = db.prepare('INSERT INTO HazardEvent (hazardId, type, actorId, at, text, data) VALUES (?, ?, ?, ?, ?, ?)');
  for (let id = 1; id <= HAZARDS; id += 1) {
    const unitId = DEPARTMENTS + 1 + Math.floor(rnd() * UNITS);
    const createdOn = addDays(TODAY, -Math.floor(rnd() * 400));
    const deadline = addDays(createdOn, 3 + Math.floor(rnd() * 40));
    // older items are mostly closed; recent ones mostly open
    const closed = createdOn < addDays(TODAY, -45) ? rnd() < 0.97 : rnd() < 0.4;
    const closedOn = closed ? addDays(createdOn, 1 + Math.floor(rnd() * 50)) : null;
    const open = !closed || (closedOn !== null && closedOn > TODAY);
    const status = open ? pick(['registered', 'rectifying', 'rectifying', 'pending_review']) : 'closed';
    const at = atLocal(`${createdOn} 10:00`);
    hazard.run(id, `YH-${String(id).padStart(6, '0')}`, `隐患${id}`, pick(CATEGORIES), rnd() < 0.05 ? 'major' : 'general', unitId, 1, unitId,
      deadline, deadline, status, status === 'rectifying' ? 50 : 0, stamp(at), stamp(at), open ? null : closedOn, open ? null : stamp(atLocal(`${closedOn} 15:00`)));
    event.run(id, 'created', 1, stamp(at), '', '{}');
    const reports = Math.floor(rnd() * 3);
    for (let r = 1; r <= reports; r += 1) {
      const on = addDays(createdOn, r);
      if (on <= TODAY) event.run(id, 'progress', unitId, stamp(atLocal(`${on} 11:00`)), '', JSON.stringify({ progress: 30 * r }));
    }
  }
  db.exec('COMMIT');
  db.close();
}

async function main(): Promise<void> {
  // BENCH_DB=path keeps the seeded file for the next run (seeding takes a while)
  const kept = process.env.BENCH_DB;
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'hz-bench-'));
  const file = kept ?? join(dir ?? '', 'bench.db');
  try {
    const t = performance.now();
    if (!kept || !existsSync(file)) {
      applySqliteMigrations(file);
      seed(file);
      console.log(`seeded ${HAZARDS} hazards, ${UNITS} units, ${DEPARTMENTS} departments in ${Math.round(performance.now() - t)} ms`);
    }
    applySqliteMigrations(file);
    const db = await openSqlite(file);
    // openSqlite gathers the planner's statistics (PRAGMA optimize), as the bot does on start
    console.log('one run = the job plus its outbox writes and run record, in one transaction, as the scheduler does it');
    for (const t of await timeJobs(db, TODAY)) {
      console.log(`${t.job.padEnd(26)} cpu median ${t.cpuMs.toFixed(0)} ms, wall median ${t.wallMs.toFixed(0)} ms  ${t.messages} messages`);
    }
    await closeDatabase(db);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

void main();

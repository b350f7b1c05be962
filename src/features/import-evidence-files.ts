import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../db/store.ts';
import { EVIDENCE_TYPES } from './evidence-store.ts';

/** What an import of the evidence folder did. */
export interface EvidenceImport {
  /** files whose bytes were added to the database now */
  imported: number;
  importedBytes: number;
  /** files the database already held (imported before, or received on PostgreSQL) */
  present: number;
  /** files not imported, with why: bytes that do not match their hash name, a name not of the store */
  skipped: Array<{ file: string; reason: 'damaged' | 'not-evidence' }>;
}

/** `ab/<64 hex>.jpg`: how the evidence folder names what it keeps. */
const KEPT_NAME = /^([0-9a-f]{64})\.([a-z0-9]+)$/;

/**
 * Copies the files of `<dataDir>/evidence/` (the SQLite layout, and PostgreSQL instances before
 * evidence moved into the database) into the database's evidence table. Idempotent: a file whose
 * hash is there already is not read again. A file is checked against its name (the SHA-256 of its
 * bytes) before it is kept: a damaged copy is reported, never stored under a hash it does not have.
 * Leaves the folder as it is: delete it once every instance reads from the database.
 */
export async function importEvidenceFiles(store: Store, dataDir: string): Promise<EvidenceImport> {
  const root = join(dataDir, 'evidence');
  const result: EvidenceImport = { imported: 0, importedBytes: 0, present: 0, skipped: [] };
  if (!existsSync(root)) return result;
  const mimeOfExtension = new Map(Object.entries(EVIDENCE_TYPES).map(([mime, ext]) => [ext, mime]));
  for (const shard of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of readdirSync(join(root, shard)).sort()) {
      const file = join(root, shard, name);
      const named = KEPT_NAME.exec(name);
      // a temp file a crash left (`<hash>.<ext>.<pid>.tmp`) is not evidence: no record names it
      if (name.endsWith('.tmp')) continue;
      const mimeByName = named ? mimeOfExtension.get(named[2] ?? '') : undefined;
      if (!named || !mimeByName || !named[1]?.startsWith(shard)) {
        result.skipped.push({ file, reason: 'not-evidence' });
        continue;
      }
      const sha256 = named[1];
      if ((await store.evidence.missing([sha256])).size === 0) {
        result.present += 1;
        continue;
      }
      const data = readFileSync(file);
      if (createHash('sha256').update(data).digest('hex') !== sha256) {
        result.skipped.push({ file, reason: 'damaged' });
        continue;
      }
      const mime = (await store.evidence.recordedMime(sha256)) ?? mimeByName;
      if (await store.evidence.keep({ sha256, mime, size: data.length, data }, statSync(file).mtime)) {
        result.imported += 1;
        result.importedBytes += data.length;
      } else {
        result.present += 1;
      }
    }
  }
  return result;
}

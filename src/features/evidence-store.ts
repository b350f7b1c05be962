import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { IncomingAttachment } from '../core/messages.ts';
import type { Store } from '../db/store.ts';
import type { AttachmentInput } from '../domain/types.ts';
import { zh } from '../i18n/zh-CN.ts';
import { isIsoMediaFile, isOleFile, isWholeZip } from './container-checks.ts';

/** Evidence larger than this is refused: a phone photo is a few MB. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** What is kept as evidence, by the type the bytes are: the whitelist, with the extension a kept file gets. */
export const EVIDENCE_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic',
  'application/pdf': 'pdf', 'video/mp4': 'mp4',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/msword': 'doc', 'application/vnd.ms-excel': 'xls',
};

/** Old Office files are OLE containers that do not say which they hold: the declared type or the name does. */
const OFFICE_OLE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };

function oleOfficeType(declared: string, name: string): string | null {
  if (Object.values(OFFICE_OLE).includes(declared)) return declared;
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return OFFICE_OLE[ext] ?? null;
}

/**
 * The type a file really is, from its bytes, or null. `file-type` reads the signature and, for
 * zip files, the entries (a .docx holds `word/`, a .xlsx `xl/`: a zip that is neither is a zip);
 * the containers it only glances at are checked whole here: an MP4 or HEIC must be ISO media
 * boxes from the first byte to the last (not any file with `ftyp` at byte 4), a zip must end in
 * its central directory, an OLE file must have a sane header. A name or declared type the bytes
 * do not bear out is not trusted: a program renamed photo.jpg is refused.
 */
async function sniff(data: Buffer, declared: string, name: string): Promise<string | null> {
  const found = await fileTypeFromBuffer(data);
  if (!found) return null;
  if (found.mime === 'video/mp4') return isIsoMediaFile(data, 'moov') ? 'video/mp4' : null;
  if (found.mime === 'image/heic' || found.mime === 'image/heif') return isIsoMediaFile(data, 'meta') ? 'image/heic' : null;
  if (found.ext === 'docx' || found.ext === 'xlsx') return isWholeZip(data) ? found.mime : null;
  if (found.ext === 'cfb') return isOleFile(data) ? oleOfficeType(declared, name) : null;
  return found.mime;
}

/**
 * Writes a file whole or not at all: a crash mid-write leaves only a temp file, never a truncated
 * file under the hash name (which, existing, would never be rewritten), and the bytes are on disk
 * before the transaction that records them commits.
 */
function writeDurably(path: string, data: Buffer): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** A file that passed the checks, with where it will be kept; nothing is on disk yet. */
export interface AcceptedFile {
  attachment: AttachmentInput;
  data: Buffer;
}

export interface EvidenceCheck {
  accepted: AcceptedFile[];
  rejected: Array<{ name: string; reason: string }>;
}

/**
 * Checks the files that came with a message: too large or not an evidence type are refused with a
 * reason; the rest get their record (type from the bytes, content hash, path under `evidence/`).
 * Writes nothing: a command may still refuse (wrong role, wrong state), and a refused command
 * keeps no file. {@link withEvidence} writes what was recorded.
 */
export async function checkEvidence(files: readonly IncomingAttachment[]): Promise<EvidenceCheck> {
  const result: EvidenceCheck = { accepted: [], rejected: [] };
  for (const file of files) {
    if (file.data.length > MAX_EVIDENCE_BYTES) {
      result.rejected.push({ name: file.name, reason: zh.evidence.tooLarge(file.data.length, MAX_EVIDENCE_BYTES) });
      continue;
    }
    const mime = await sniff(file.data, file.mime, file.name);
    const ext = mime ? EVIDENCE_TYPES[mime] : undefined;
    if (!mime || !ext) {
      result.rejected.push({ name: file.name, reason: zh.evidence.notAllowed });
      continue;
    }
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const path = join('evidence', sha256.slice(0, 2), `${sha256}.${ext}`);
    result.accepted.push({ attachment: { name: file.name, mime, size: file.data.length, sha256, path }, data: file.data });
  }
  return result;
}

/** A recorded evidence file, as events and enforcement records name it. */
export interface EvidenceRef {
  sha256: string;
  /** below the data folder: `evidence/ab/<sha256>.jpg` */
  path: string;
}

/**
 * Where evidence bytes live, the one door every writer and reader goes through: on PostgreSQL the
 * `EvidenceContent` table, so every instance on the database reads a photo any of them received;
 * on SQLite files under `<dataDir>/evidence/`, beside the one process that owns the ledger.
 */
export interface EvidenceStore {
  readonly kind: 'database' | 'disk';
  /** Keeps the files' bytes, in the transaction `store` is bound to (on disk: before it commits). */
  keep(files: readonly AcceptedFile[], now: Date): Promise<void>;
  /** The bytes of a recorded file, or null when they are nowhere to be found. */
  read(file: EvidenceRef): Promise<Buffer | null>;
}

/** The evidence folder's file for `path`, or null when the path leads outside it. */
function fileUnder(dataDir: string, path: string): string | null {
  const root = resolve(dataDir, 'evidence');
  const full = resolve(dataDir, path);
  return full.startsWith(root + sep) ? full : null;
}

async function readFileOrNull(file: string | null): Promise<Buffer | null> {
  if (!file) return null;
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Files named by content hash under `<dataDir>/evidence/`: a photo sent twice is kept once. */
function diskEvidence(dataDir: string): EvidenceStore {
  return {
    kind: 'disk',
    async keep(files) {
      for (const { attachment, data } of files) {
        const full = join(dataDir, attachment.path);
        if (existsSync(full)) continue;
        mkdirSync(join(full, '..'), { recursive: true });
        writeDurably(full, data);
      }
    },
    read: (file) => readFileOrNull(fileUnder(dataDir, file.path)),
  };
}

/**
 * Rows of `EvidenceContent` by content hash, written in the transaction of the record naming them
 * (a crash leaves neither or both). A file recorded before the table existed and not imported yet
 * (`npm run evidence:import`) is still read from this instance's folder, when it has it.
 */
function databaseEvidence(store: Store, dataDir: string): EvidenceStore {
  return {
    kind: 'database',
    async keep(files, now) {
      const missing = await store.evidence.missing(files.map((f) => f.attachment.sha256));
      for (const { attachment, data } of files) {
        if (!missing.delete(attachment.sha256)) continue;
        await store.evidence.keep({ sha256: attachment.sha256, mime: attachment.mime, size: data.length, data }, now);
      }
    },
    async read(file) {
      return (await store.evidence.content(file.sha256))?.data ?? readFileOrNull(fileUnder(dataDir, file.path));
    },
  };
}

/** The evidence store of the database `store` works on: its table on PostgreSQL, the folder on SQLite. */
export function evidenceStore(store: Store, dataDir: string): EvidenceStore {
  return store.evidence.holdsContent ? databaseEvidence(store, dataDir) : diskEvidence(dataDir);
}

/**
 * Runs `act` with the accepted files' records, then — still inside the message's transaction —
 * keeps exactly the files an event recorded meanwhile (see {@link EvidenceStore}: by content hash,
 * a photo sent twice is kept once). A file no event took, because the command was refused, is
 * never kept. Returns the refused files.
 */
export async function withEvidence(
  store: Store,
  where: { dataDir: string; now: Date },
  files: readonly IncomingAttachment[],
  act: (accepted: AttachmentInput[]) => Promise<void>,
): Promise<EvidenceCheck['rejected']> {
  const check = await checkEvidence(files);
  // hazard events and enforcement records keep their files in tables of their own
  const before = check.accepted.length > 0 ? await store.hazards.lastAttachmentId() : 0;
  const beforeEnforcement = check.accepted.length > 0 ? await store.enforcement.lastAttachmentId() : 0;
  await act(check.accepted.map((a) => a.attachment));
  if (check.accepted.length === 0) return check.rejected;
  const recorded = new Set([...await store.hazards.attachmentPathsAfter(before), ...await store.enforcement.attachmentPathsAfter(beforeEnforcement)]);
  await evidenceStore(store, where.dataDir).keep(check.accepted.filter((a) => recorded.has(a.attachment.path)), where.now);
  return check.rejected;
}

import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingAttachment } from '../core/messages.ts';
import type { AttachmentInput } from '../domain/types.ts';

/** Evidence larger than this is refused: a phone photo is a few MB. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const ALLOWED: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic',
  'application/pdf': 'pdf', 'video/mp4': 'mp4',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/msword': 'doc', 'application/vnd.ms-excel': 'xls',
};

const OFFICE_ZIP: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const OFFICE_OLE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };

/** The office type a container holds, from what the platform said or the file name. */
function officeType(table: Record<string, string>, declared: string, name: string): string | null {
  if (Object.values(table).includes(declared)) return declared;
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return table[ext] ?? null;
}

/**
 * The type a file really is, from its first bytes. A name or declared type that the bytes do not
 * bear out is not trusted: a program renamed photo.jpg is refused. Containers (zip, OLE) say
 * only "an office file"; which one comes from the declared type or the name.
 */
function sniff(data: Buffer, declared: string, name: string): string | null {
  const ascii = (from: number, to: number) => data.subarray(from, to).toString('latin1');
  if (data.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === '%PDF') return 'application/pdf';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp') return /^(heic|heix|mif1|msf1)$/.test(ascii(8, 12)) ? 'image/heic' : 'video/mp4';
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return officeType(OFFICE_ZIP, declared, name);
  if (data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return officeType(OFFICE_OLE, declared, name);
  return null;
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

export type EvidenceResult = { stored: AttachmentInput[]; rejected: Array<{ name: string; reason: string }> };

/**
 * Stores evidence files under `<dataDir>/evidence/`, named by content hash so the same photo sent
 * twice is kept once; too large or unknown types are refused with a reason.
 */
export function storeEvidence(dataDir: string, files: readonly IncomingAttachment[]): EvidenceResult {
  const result: EvidenceResult = { stored: [], rejected: [] };
  for (const file of files) {
    if (file.data.length > MAX_EVIDENCE_BYTES) {
      result.rejected.push({ name: file.name, reason: `超过${MAX_EVIDENCE_BYTES / 1024 / 1024}MB` });
      continue;
    }
    const mime = sniff(file.data, file.mime, file.name);
    const ext = mime ? ALLOWED[mime] : undefined;
    if (!mime || !ext) {
      result.rejected.push({ name: file.name, reason: '文件类型不支持（可发图片、PDF、Word、Excel、MP4）' });
      continue;
    }
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const path = join('evidence', sha256.slice(0, 2), `${sha256}.${ext}`);
    const full = join(dataDir, path);
    if (!existsSync(full)) {
      mkdirSync(join(dataDir, 'evidence', sha256.slice(0, 2)), { recursive: true });
      writeDurably(full, file.data);
    }
    result.stored.push({ name: file.name, mime, size: file.data.length, sha256, path });
  }
  return result;
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import type { IncomingAttachment } from '../../src/core/messages.ts';
import { EVIDENCE_TYPES, evidenceStore, type EvidenceRef } from '../../src/features/evidence-store.ts';
import type { Chat } from './chat.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'evidence');

/** A real 32×24 JPEG photo (test/fixtures/evidence/valve.jpg). */
export const valveJpeg = (name = 'valve.jpg'): IncomingAttachment => ({ name, mime: 'image/jpeg', data: readFileSync(join(DIR, 'valve.jpg')) });

/** A real 24×24 PNG (test/fixtures/evidence/gauge.png). */
export const gaugePng = (name = 'gauge.png'): IncomingAttachment => ({ name, mime: 'image/png', data: readFileSync(join(DIR, 'gauge.png')) });

/** The full six-part plan of a major hazard, as an owner writes it. */
export const FULL_PLAN = '治理方案 目标任务：消除呼吸阀泄漏 方法措施：更换原厂呼吸阀并检测 资金物资：预算12万元，已采购 机构人员：设备部张伟牵头 时限要求：12月15日前完成 应急预案：已编制并演练';

/** A real Word document (test/fixtures/evidence/report.docx), a real workbook, and a zip of a program named .docx. */
export const reportDocx = (name = '检测报告.docx'): IncomingAttachment => ({ name, mime: 'application/octet-stream', data: readFileSync(join(DIR, 'report.docx')) });
export const ledgerXlsx = (name = '整改台账.xlsx'): IncomingAttachment => ({ name, mime: 'application/octet-stream', data: readFileSync(join(DIR, 'ledger.xlsx')) });
export const notWordDocx = (name = '整改报告.docx'): IncomingAttachment => ({ name, mime: 'application/octet-stream', data: readFileSync(join(DIR, 'not-word.docx')) });

/** One ISO media box: 32-bit size, four-letter type, payload. */
export function box(type: string, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

/** A small but whole MP4: `ftyp` (isom, mp41), `moov` with an `mvhd`, `mdat`. */
export function tinyMp4(): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41', 'latin1')]));
  const mvhd = box('mvhd', Buffer.alloc(100));
  return Buffer.concat([ftyp, box('moov', mvhd), box('mdat', Buffer.alloc(64, 1))]);
}

/**
 * What the bot keeps as evidence, as `<sha256>.<ext>` names: the files under data/evidence on
 * SQLite, the rows of EvidenceContent on PostgreSQL (where the data folder holds no evidence).
 */
export async function keptEvidence(chat: Chat): Promise<string[]> {
  if (chat.databaseUrl === null) {
    const root = join(chat.dir, 'data', 'evidence');
    return existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[a-z0-9]+$/.test(f)).map((f) => basename(f)).sort() : [];
  }
  expect(existsSync(join(chat.dir, 'data', 'evidence'))).toBe(false);
  const rows = await chat.read(() => chat.bot.db.selectFrom('EvidenceContent').select(['sha256', 'mime']).orderBy('sha256').execute());
  return rows.map((r) => `${r.sha256}.${EVIDENCE_TYPES[r.mime] ?? '?'}`).sort();
}

/** The bytes of a recorded file as every reader gets them (the evidence store of the chat's database). */
export function evidenceBytes(chat: Chat, file: EvidenceRef): Promise<Buffer | null> {
  return chat.read((store) => evidenceStore(store, join(chat.dir, 'data')).read(file));
}

/**
 * The 整改照片 sheet of a 整改报告: the latest photos of each item, embedded beside its line, as
 * inspection teams expect the report back with pictures of the fix. The bytes come through the
 * evidence store, so any instance writes the report with photos any instance received.
 */
import type ExcelJS from 'exceljs';
import type { EvidenceStore } from './evidence-store.ts';
import type { AttachmentInput, HazardEvent } from '../domain/types.ts';
import { EVENT_LABELS, zh } from '../i18n/zh-CN.ts';

/** A report shows how the fix looks now: the item's latest few photos, not every one. */
export const PHOTOS_PER_ITEM = 3;
/**
 * Photo bytes one report embeds at most: DingTalk and WeCom carry files up to 20 MB, and the
 * report must still go into the chat. Photos past it are listed, not embedded.
 */
export const EMBEDDED_BYTES_LIMIT = 15 * 1024 * 1024;

/** The picture types a workbook can hold (WebP and HEIC cannot: they are listed only). */
const EMBEDDABLE: Record<string, 'jpeg' | 'png' | 'gif'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/gif': 'gif' };

/** A photo of an item, with the event it came with. */
export interface ItemPhoto {
  seq: number;
  description: string;
  event: Pick<HazardEvent, 'type' | 'at' | 'actorName'>;
  file: AttachmentInput;
}

/** The item's photos the report shows: images of its events, the latest {@link PHOTOS_PER_ITEM}. */
export function itemPhotos(seq: number, description: string, events: readonly HazardEvent[]): ItemPhoto[] {
  return events.flatMap((event) => event.attachments.filter((file) => file.mime.startsWith('image/')).map((file) => ({ seq, description, event, file })))
    .slice(-PHOTOS_PER_ITEM);
}

/** Width and height in pixels from a JPEG, PNG or GIF header, or null when it cannot be read. */
export function imageSize(data: Buffer, mime: string): { width: number; height: number } | null {
  if (mime === 'image/png' && data.length >= 24) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (mime === 'image/gif' && data.length >= 10) return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  if (mime !== 'image/jpeg') return null;
  // walk the segments to the frame header (SOF0…SOF15 but DHT, JPG, DAC), which holds the size
  for (let i = 2; i + 9 <= data.length; ) {
    if (data[i] !== 0xff) return null;
    const marker = data[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5) };
    }
    i += 2 + data.readUInt16BE(i + 2);
  }
  return null;
}

/** The picture's box in the sheet: at most 200×150 px, its proportions kept. */
function fit(size: { width: number; height: number } | null): { width: number; height: number } {
  if (!size || size.width === 0 || size.height === 0) return { width: 200, height: 150 };
  const scale = Math.min(200 / size.width, 150 / size.height);
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}

/**
 * Adds the 整改照片 sheet (nothing when no item has a photo): one row per photo — 序号, 问题,
 * when, who, with what, the file — and the picture in the last column while the report stays
 * under {@link EMBEDDED_BYTES_LIMIT}. Returns how many photos were embedded and listed.
 */
export async function addPhotoSheet(book: ExcelJS.Workbook, photos: readonly ItemPhoto[], evidence: EvidenceStore, now: Date): Promise<{ embedded: number; listed: number }> {
  if (photos.length === 0) return { embedded: 0, listed: 0 };
  const texts = zh.problemList.report.photos;
  const sheet = book.addWorksheet(texts.sheetName, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [6, 30, 12, 10, 12, 24, 30].map((width) => ({ width }));
  const header = sheet.addRow([...texts.columns]);
  header.font = { bold: true };
  let embeddedBytes = 0;
  let embedded = 0;
  for (const photo of photos) {
    const data = EMBEDDABLE[photo.file.mime] ? await evidence.read(photo.file) : null;
    const fits = data !== null && embeddedBytes + data.length <= EMBEDDED_BYTES_LIMIT;
    const why = data === null ? texts.notEmbedded(EMBEDDABLE[photo.file.mime] !== undefined) : fits ? null : texts.overLimit(EMBEDDED_BYTES_LIMIT);
    const row = sheet.addRow([photo.seq, photo.description, texts.when(photo.event.at, now), photo.event.actorName ?? '', EVENT_LABELS[photo.event.type], photo.file.name, why]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (!fits || !data) continue;
    const box = fit(imageSize(data, photo.file.mime));
    row.height = Math.max(box.height * 0.75 + 6, 20);
    const image = book.addImage({ buffer: data as unknown as ExcelJS.Buffer, extension: EMBEDDABLE[photo.file.mime] ?? 'jpeg' });
    sheet.addImage(image, { tl: { col: 6, row: row.number - 1 }, ext: box, editAs: 'oneCell' });
    embeddedBytes += data.length;
    embedded += 1;
  }
  return { embedded, listed: photos.length };
}

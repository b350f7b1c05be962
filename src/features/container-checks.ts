/**
 * Whole-file checks of the container formats evidence comes in, beyond the signature a type
 * sniffer reads: a file that merely starts like a video or an Office document is not one.
 */

/** Box types are four printable ASCII characters (`ftyp`, `moov`, `mdat`, `©xyz` aside). */
function isBoxType(data: Buffer, at: number): boolean {
  for (let i = at; i < at + 4; i++) {
    const c = data[i];
    if (c === undefined || c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * ISO base media (MP4, HEIC): top-level boxes from the first byte to the last, each with a size
 * that fits (a 64-bit size where it says 1, "to the end" only for the last), the first an `ftyp`
 * of a sane size, and the box the format cannot do without (`moov` for a movie, `meta` for HEIC).
 */
export function isIsoMediaFile(data: Buffer, required: string): boolean {
  let at = 0;
  let first = true;
  let found = false;
  while (at < data.length) {
    if (at + 8 > data.length || !isBoxType(data, at + 4)) return false;
    const type = data.toString('latin1', at + 4, at + 8);
    let size = data.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > data.length) return false;
      const large = data.readBigUInt64BE(at + 8);
      if (large > BigInt(data.length - at)) return false;
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = data.length - at;
    }
    if (size < header || at + size > data.length) return false;
    if (first && (type !== 'ftyp' || size < 16 || (size - 16) % 4 !== 0)) return false;
    if (type === required) found = true;
    first = false;
    at += size;
  }
  return found;
}

/** A zip (a .docx or .xlsx) that ends in its end-of-central-directory record, as a whole file does. */
export function isWholeZip(data: Buffer): boolean {
  const EOCD = 0x06054b50;
  // the record is 22 bytes plus a comment of up to 65,535
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) !== EOCD) continue;
    const commentLength = data.readUInt16LE(at + 20);
    const directorySize = data.readUInt32LE(at + 12);
    const directoryOffset = data.readUInt32LE(at + 16);
    if (at + 22 + commentLength === data.length && directoryOffset + directorySize <= at) return true;
  }
  return false;
}

/** An OLE compound file (.doc, .xls): its header's byte-order mark and a sector size of 512 or 4,096. */
export function isOleFile(data: Buffer): boolean {
  if (data.length < 512) return false;
  const byteOrder = data.readUInt16LE(28);
  const sectorShift = data.readUInt16LE(30);
  return byteOrder === 0xfffe && (sectorShift === 9 || sectorShift === 12);
}

import { describe, expect, it } from 'vitest';
import { isIsoMediaFile, isOleFile, isWholeZip } from '../../src/features/container-checks.ts';
import { checkEvidence } from '../../src/features/evidence-store.ts';
import { box, gaugePng, ledgerXlsx, notWordDocx, reportDocx, tinyMp4, valveJpeg } from '../helpers/evidence.ts';

const REFUSED = '文件类型不支持（可发图片、PDF、Word、Excel、MP4）';
const verdict = async (name: string, data: Buffer, mime = 'application/octet-stream') => {
  const { accepted, rejected } = await checkEvidence([{ name, mime, data }]);
  return accepted[0]?.attachment.mime ?? rejected[0]?.reason;
};

describe('evidence types are read from the whole file, not the name or the first bytes', () => {
  it('keeps real photos, Word documents, workbooks and MP4 videos, each as what its bytes are', async () => {
    const { accepted, rejected } = await checkEvidence([valveJpeg(), gaugePng('scan.jpg'), reportDocx(), ledgerXlsx('named-wrong.docx'), { name: 'clip.mp4', mime: 'video/mp4', data: tinyMp4() }]);
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => [a.attachment.name, a.attachment.mime, a.attachment.path.split('.').at(-1)])).toEqual([
      ['valve.jpg', 'image/jpeg', 'jpg'],
      ['scan.jpg', 'image/png', 'png'],
      ['检测报告.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
      ['named-wrong.docx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
      ['clip.mp4', 'video/mp4', 'mp4'],
    ]);
  });

  it('refuses a zip named .docx that holds no Word document, and a zip header with nothing behind it', async () => {
    expect(await verdict('整改报告.docx', notWordDocx().data)).toBe(REFUSED);
    expect(await verdict('整改报告.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]))).toBe(REFUSED);
    // a real Word file cut short has no central directory
    const docx = reportDocx().data;
    expect(await verdict('cut.docx', docx.subarray(0, docx.length - 30))).toBe(REFUSED);
  });

  it('refuses anything that only has `ftyp` at byte 4: an MP4 is boxes from the first byte to the last, with a movie', async () => {
    const program = Buffer.concat([Buffer.from('\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000isommp41', 'latin1'), Buffer.from('MZ\u0090\u0000 this program cannot be run in DOS mode')]);
    expect(await verdict('video.mp4', program, 'video/mp4')).toBe(REFUSED);
    expect(await verdict('video.mp4', Buffer.concat([Buffer.from('XXXXftypabcd', 'latin1'), Buffer.alloc(40)]), 'video/mp4')).toBe(REFUSED);
    const mp4 = tinyMp4();
    expect(await verdict('cut.mp4', mp4.subarray(0, mp4.length - 10))).toBe(REFUSED);
    const noMovie = Buffer.concat([mp4.subarray(0, 24), box('mdat', Buffer.alloc(64))]);
    expect(await verdict('nomovie.mp4', noMovie)).toBe(REFUSED);
    expect(await verdict('clip.mp4', mp4)).toBe('video/mp4');
  });

  it('checks the containers themselves', () => {
    expect(isIsoMediaFile(tinyMp4(), 'moov')).toBe(true);
    expect(isIsoMediaFile(tinyMp4(), 'meta')).toBe(false);
    expect(isWholeZip(reportDocx().data)).toBe(true);
    expect(isWholeZip(Buffer.alloc(100))).toBe(false);
    const ole = Buffer.alloc(512);
    ole.writeUInt16LE(0xfffe, 28);
    ole.writeUInt16LE(9, 30);
    expect(isOleFile(ole)).toBe(true);
    expect(isOleFile(Buffer.alloc(512))).toBe(false);
  });
});

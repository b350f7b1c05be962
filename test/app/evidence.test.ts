import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { testProvider } from '../helpers/database.ts';
import { evidenceBytes, FULL_PLAN, gaugePng, keptEvidence, notWordDocx, reportDocx, tinyMp4, valveJpeg } from '../helpers/evidence.ts';
import { G, registerHazard, texts } from '../helpers/hazards.ts';

let chat: Chat;
let code: string;
beforeEach(async () => {
  chat = await createChat({ jobs: [] });
  code = await registerHazard(chat, '红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，12月15日前整改完毕');
});
afterEach(async () => {
  await chat.close();
});

const events = () => chat.read(async (s) => s.hazards.events((await s.hazards.byCode(code))!.id));
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** What is kept: the files under data/evidence/ on SQLite, the database's rows on PostgreSQL. */
const evidenceFiles = () => keptEvidence(chat);

describe('evidence files', () => {
  it('stores photos sent with a report by content hash (on disk on SQLite, in the database on PostgreSQL), and 查询 lists them', async () => {
    const jpeg = valveJpeg('现场照片.jpg');
    const png = gaugePng('压力表.png');
    await chat.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`, { attachments: [jpeg, png] });
    const [event] = (await events()).filter((e) => e.type === 'progress');
    expect(event?.attachments).toEqual([
      { name: '现场照片.jpg', mime: 'image/jpeg', size: jpeg.data.length, sha256: sha(jpeg.data), path: join('evidence', sha(jpeg.data).slice(0, 2), `${sha(jpeg.data)}.jpg`) },
      { name: '压力表.png', mime: 'image/png', size: png.data.length, sha256: sha(png.data), path: join('evidence', sha(png.data).slice(0, 2), `${sha(png.data)}.png`) },
    ]);
    for (const a of event?.attachments ?? []) expect(await evidenceBytes(chat, a)).toEqual(a.name.endsWith('.jpg') ? jpeg.data : png.data);
    expect(await evidenceFiles()).toEqual([`${sha(jpeg.data)}.jpg`, `${sha(png.data)}.png`].sort());

    const detail = (await chat.send(G.safety, '王建国', `查询 ${code}`))[0]?.text ?? '';
    expect(detail).toContain('证据材料（2个）：');
    expect(detail).toContain(`1. 12月1日 张伟（进度）现场照片.jpg｜照片 ${jpeg.data.length}B｜evidence/${sha(jpeg.data).slice(0, 2)}/${sha(jpeg.data)}.jpg`);
    expect(detail).toContain('2. 12月1日 张伟（进度）压力表.png｜图片');
  });

  it('takes the type from the bytes, not the name, and refuses what is not evidence', async () => {
    const disguised = { name: 'photo.jpg', mime: 'image/jpeg', data: Buffer.from('MZ\x90\x00 this is an exe') };
    const renamed = { ...gaugePng(), name: 'scan.jpg', mime: 'application/octet-stream' };
    const out = await chat.send(G.redStar, '张伟', `${code} 进度30% 已停用`, { attachments: [disguised, renamed] });
    expect(texts(out)).toEqual([expect.stringContaining('进度 30%'), '附件「photo.jpg」未保存：文件类型不支持（可发图片、PDF、Word、Excel、MP4）。']);
    const [event] = (await events()).filter((e) => e.type === 'progress');
    expect(event?.attachments.map((a) => [a.name, a.mime])).toEqual([['scan.jpg', 'image/png']]);
  });

  it('refuses a file over the size limit', async () => {
    const huge = { name: 'video.mp4', mime: 'video/mp4', data: Buffer.alloc(20 * 1024 * 1024 + 1) };
    const out = await chat.send(G.redStar, '张伟', `${code} 进度30% 已停用`, { attachments: [huge] });
    expect(out[1]?.text).toBe('附件「video.mp4」未保存：文件大小20.1MB，超过单个附件20MB的上限：照片发送时不要勾选“原图”，视频请截短或压缩，文档请拆分后分别发送。');
  });
});

describe('a photo in the next message', () => {
  it('is evidence of the hazard its sender reported on in that group in the last 30 minutes', async () => {
    await chat.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门，等待检测`);
    await chat.setClock('2026-12-01 09:29');
    const out = await chat.send(G.redStar, '张伟', '', { attachments: [valveJpeg(), gaugePng()] });
    expect(texts(out)).toEqual([`已将 2 个附件存为 ${code} 的整改证据（该隐患现有证据 2 个，「查询 ${code}」可查看）。`]);
    const last = (await events()).at(-1);
    expect(last).toMatchObject({ type: 'evidence', actorName: '张伟', data: { files: 2 } });
    expect(last?.attachments).toHaveLength(2);
    expect(await evidenceBytes(chat, last!.attachments[0]!)).toEqual(valveJpeg().data);
  });

  it('is plain chat after 30 minutes, from someone else, or in another group: nothing is stored', async () => {
    await chat.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`);
    expect(await chat.send(G.redStar, '李强', '', { attachments: [valveJpeg()] })).toEqual([]);
    expect(await chat.send(G.safety, '张伟', '', { attachments: [valveJpeg()] })).toEqual([]);
    await chat.setClock('2026-12-01 09:31');
    expect(await chat.send(G.redStar, '张伟', '', { attachments: [valveJpeg()] })).toEqual([]);
    expect((await events()).map((e) => e.type)).toEqual(['created', 'progress']);
    expect(await evidenceFiles()).toEqual([]);
  });

  it('lets a department send the acceptance photo right after registering, and a major hazard needs one to be accepted', async () => {
    await chat.send(G.redStar, '张伟', `${code} ${FULL_PLAN}`);
    await chat.send(G.redStar, '张伟', `${code} 整改完成`);
    const refused = await chat.send(G.safety, '王建国', `${code} 验收通过`);
    expect(refused[0]?.text).toContain(`${code} 为重大隐患，验收须有至少一份整改证据（照片或文件）`);
    await chat.setClock('2026-12-01 09:10');
    const photo = await chat.send(G.redStar, '张伟', '', { attachments: [valveJpeg()] });
    expect(photo[0]?.text).toContain(`已将 1 个附件存为 ${code} 的整改证据`);
    const accepted = await chat.send(G.safety, '王建国', `${code} 验收通过`);
    expect(accepted[0]?.text).toContain('验收通过，已销号');
  });

  it('counts a photo sent with the acceptance itself', async () => {
    await chat.send(G.redStar, '张伟', `${code} ${FULL_PLAN}`);
    await chat.send(G.redStar, '张伟', `${code} 整改完成`);
    const accepted = await chat.send(G.safety, '王建国', `${code} 验收通过 现场复核`, { attachments: [valveJpeg()] });
    expect(accepted[0]?.text).toContain('验收通过，已销号');
  });

  it('says so when the only file is refused', async () => {
    await chat.send(G.redStar, '张伟', `${code} 进度60%`);
    const out = await chat.send(G.redStar, '张伟', '', { attachments: [{ name: 'a.exe', mime: 'application/x-msdownload', data: Buffer.from('MZ') }] });
    expect(texts(out)).toEqual(['附件「a.exe」未保存：文件类型不支持（可发图片、PDF、Word、Excel、MP4）。']);
  });
});

describe('office and other files', () => {
  it('keeps a real Word report and a PDF, refuses a zip named .docx that holds no Word document and a bare zip', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]);
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
    const out = await chat.send(G.redStar, '张伟', `${code} 进度80% 检测报告见附件`, {
      attachments: [reportDocx(), { name: '合格证.pdf', mime: 'application/pdf', data: pdf }, notWordDocx('整改报告.docx'), { name: '检测报告2.docx', mime: 'application/octet-stream', data: zip }],
    });
    expect(out[1]?.text).toBe('附件「整改报告.docx」未保存：文件类型不支持（可发图片、PDF、Word、Excel、MP4）。\n附件「检测报告2.docx」未保存：文件类型不支持（可发图片、PDF、Word、Excel、MP4）。');
    const [event] = (await events()).filter((e) => e.type === 'progress');
    expect(event?.attachments.map((a) => [a.name, a.mime, a.path.replace(/^.*\./, '')])).toEqual([
      ['检测报告.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
      ['合格证.pdf', 'application/pdf', 'pdf'],
    ]);
    expect((await evidenceFiles()).map((f) => f.replace(/^.*\./, '')).sort()).toEqual(['docx', 'pdf']);
  });

  it('keeps a whole MP4 and refuses a program with `ftyp` at byte 4 named .mp4', async () => {
    const program = Buffer.concat([Buffer.from('\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000isommp41', 'latin1'), Buffer.from('MZ\u0090\u0000 this program cannot be run in DOS mode')]);
    const out = await chat.send(G.redStar, '张伟', `${code} 进度80% 视频见附件`, {
      attachments: [{ name: '现场.mp4', mime: 'video/mp4', data: tinyMp4() }, { name: '安装包.mp4', mime: 'video/mp4', data: program }],
    });
    expect(out[1]?.text).toBe('附件「安装包.mp4」未保存：文件类型不支持（可发图片、PDF、Word、Excel、MP4）。');
    expect((await evidenceFiles()).map((f) => f.replace(/^.*\./, ''))).toEqual(['mp4']);
  });
});

describe('a refused command keeps no file (#9 item 10)', () => {
  it('writes nothing to data/evidence when the sender may not act on the hazard, the state refuses, or the role is wrong', async () => {
    // another unit's contact reports progress on 红星化工's hazard, with a photo
    let out = await chat.send(G.blueSky, '钱经理', `${code} 进度50% 已整改`, { attachments: [valveJpeg()] });
    expect(out[0]?.text).not.toContain('已记录');
    // the owner asks for acceptance of a hazard that is not submitted, with a photo: refused by the state
    out = await chat.send(G.safety, '王建国', `${code} 验收通过`, { attachments: [gaugePng()] });
    expect(out[0]?.text).not.toContain('验收通过，已销号');
    // a contact tries a department's command
    await chat.send(G.redStar, '张伟', `${code} 验收通过`, { attachments: [reportDocx()] });
    expect(await evidenceFiles()).toEqual([]);
    expect((await events()).flatMap((e) => e.attachments)).toEqual([]);

    // the same photo with a report that is recorded is kept, once
    await chat.send(G.redStar, '张伟', `${code} 进度50% 已整改`, { attachments: [valveJpeg()] });
    expect(await evidenceFiles()).toHaveLength(1);
  });

  it('keeps the same photo sent twice (with a report, then after it) as one file', async () => {
    await chat.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`, { attachments: [valveJpeg()] });
    const kept = await evidenceFiles();
    expect(kept).toHaveLength(1);
    await chat.send(G.redStar, '张伟', '', { attachments: [valveJpeg('again.jpg')] });
    // the same bytes again: one file, two records
    expect(await evidenceFiles()).toEqual(kept);
  });

  it.skipIf(testProvider() === 'postgresql')('finishes a file a crash tore: the temp file it left is replaced, the file is whole', async () => {
    const photo = valveJpeg();
    const path = join(chat.dir, 'data', 'evidence', sha(photo.data).slice(0, 2), `${sha(photo.data)}.jpg`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.${process.pid}.tmp`, photo.data.subarray(0, 100));
    await chat.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`, { attachments: [photo] });
    expect(readFileSync(path)).toEqual(photo.data);
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  });
});

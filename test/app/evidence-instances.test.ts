import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evidenceImportCli } from '../../src/app/evidence-import-cli.ts';
import type { DashboardServer } from '../../src/dashboard/dashboard-server.ts';
import { createChat, sentWorkbook, type Chat } from '../helpers/chat.ts';
import { dashboardLink, startChatDashboard } from '../helpers/dashboard.ts';
import { testProvider } from '../helpers/database.ts';
import { evidenceBytes, gaugePng, keptEvidence, valveJpeg } from '../helpers/evidence.ts';
import { G, registerHazard } from '../helpers/hazards.ts';
import { inspectionList } from '../fixtures/problem-lists/build.ts';

// #13: instances are interchangeable. A photo one instance received is shown, served and exported
// by another on the same PostgreSQL database, whose data folder never saw it.

const postgres = testProvider() === 'postgresql';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let chats: Chat[] = [];
let servers: DashboardServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  for (const chat of chats.reverse()) await chat.close();
  chats = [];
  servers = [];
});

async function open(options: Parameters<typeof createChat>[0] = {}): Promise<Chat> {
  const chat = await createChat({ jobs: [], ...options });
  chats.push(chat);
  return chat;
}

/** `npm run evidence:import` in-process, for the data folder of `chat`; its exit code and lines. */
async function importEvidence(chat: Chat): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const env = { HZ_DB: join(chat.dir, 'test.db'), HZ_DATA_DIR: join(chat.dir, 'data'), ...(chat.databaseUrl ? { HZ_DATABASE_URL: chat.databaseUrl } : {}) };
  const code = await evidenceImportCli(env, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
  return { code, lines };
}

const attachmentsOf = async (chat: Chat, code: string) =>
  chat.read(async (s) => (await s.hazards.events((await s.hazards.byCode(code))!.id)).flatMap((e) => e.attachments));

describe.skipIf(!postgres)('two instances on one PostgreSQL, each with its own data folder', () => {
  it('the second instance lists, serves and reads the photo the first one received, which neither folder holds', async () => {
    const a = await open();
    const b = await open({ sameDatabaseAs: a, roster: null });
    const code = await registerHazard(a, '红星化工储罐区呼吸阀损坏，责任人@张伟，12月15日前整改完毕');
    const photo = valveJpeg('新阀门.jpg');
    await a.send(G.redStar, '张伟', `${code} 进度80% 已更换阀门`, { attachments: [photo] });

    // the bytes are in the database, in no instance's folder
    expect(await keptEvidence(a)).toEqual([`${sha(photo.data)}.jpg`]);
    expect(existsSync(join(b.dir, 'data', 'evidence'))).toBe(false);

    // 查询 on the other instance lists it, and its evidence store reads the very bytes
    const detail = (await b.send(G.safety, '王建国', `查询 ${code}`))[0]?.text ?? '';
    expect(detail).toContain('证据材料（1个）：');
    expect(detail).toContain('新阀门.jpg｜照片');
    const [recorded] = await attachmentsOf(b, code);
    expect(await evidenceBytes(b, recorded!)).toEqual(photo.data);

    // the other instance's dashboard shows the photo on the unit's page and serves its bytes
    const server = await startChatDashboard(b);
    servers.push(server);
    const link = await dashboardLink(b, server, G.leaders, '刘县长');
    const unitPage = await (await fetch(link)).text();
    const unitHref = /href="(unit\/\d+)"[^>]*>红星化工/.exec(unitPage)?.[1];
    expect(unitHref).toBeDefined();
    expect(await (await fetch(`${link}${unitHref}`)).text()).toContain(`../evidence/${sha(photo.data)}`);
    const served = await fetch(`${link}evidence/${sha(photo.data)}`);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(photo.data);
  });

  it('keeps the same photo sent to both instances once, and a photo in a refused command on neither', async () => {
    const a = await open();
    const b = await open({ sameDatabaseAs: a, roster: null });
    const code = await registerHazard(a, '红星化工储罐区呼吸阀损坏，责任人@张伟，12月15日前整改完毕');
    await a.send(G.redStar, '张伟', `${code} 进度50% 已停用`, { attachments: [valveJpeg()] });
    await b.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`, { attachments: [valveJpeg('again.jpg')] });
    // 钱经理 is not 红星化工's: refused, the PNG is kept nowhere
    await b.send(G.blueSky, '钱经理', `${code} 进度70%`, { attachments: [gaugePng()] });
    expect(await keptEvidence(a)).toEqual([`${sha(valveJpeg().data)}.jpg`]);
    expect((await attachmentsOf(a, code)).map((f) => f.name)).toEqual(['valve.jpg', 'again.jpg']);
  });
});

describe('npm run evidence:import', () => {
  it.skipIf(!postgres)('copies the files an instance kept in its folder (before evidence moved into PostgreSQL) into the database, once', async () => {
    const a = await open();
    const b = await open({ sameDatabaseAs: a, roster: null });
    const code = await registerHazard(a, '红星化工储罐区呼吸阀损坏，责任人@张伟，12月15日前整改完毕');
    const photo = valveJpeg('旧照片.jpg');
    await a.send(G.redStar, '张伟', `${code} 进度60% 已更换阀门`, { attachments: [photo] });
    // as an older version left it: the record in the database, the bytes in instance a's folder only
    const [recorded] = await attachmentsOf(a, code);
    await a.read(() => a.bot.db.deleteFrom('EvidenceContent').execute());
    const file = join(a.dir, 'data', recorded!.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, photo.data);
    // a copy torn by a crash, and a stray file, are reported and left out
    const png = gaugePng().data;
    const torn = join(a.dir, 'data', 'evidence', sha(png).slice(0, 2), `${sha(png)}.png`);
    mkdirSync(dirname(torn), { recursive: true });
    writeFileSync(torn, png.subarray(0, 50));
    writeFileSync(join(dirname(torn), 'notes.txt'), 'x');

    // until imported, instance a still shows it from its folder; b has nothing to show
    expect(await evidenceBytes(a, recorded!)).toEqual(photo.data);
    expect(await evidenceBytes(b, recorded!)).toBeNull();

    const first = await importEvidence(a);
    expect(first.code).toBe(1);
    expect(first.lines[0]).toBe(`已从 ${join(a.dir, 'data', 'evidence')} 导入 1 个证据文件（0.0 MB），0 个数据库中已有；数据库现存证据 1 个（0.0 MB）。`);
    expect(first.lines.slice(1).sort()).toEqual([
      `未导入 ${torn}：文件内容与文件名（内容的 SHA-256）不符，文件已损坏。请从备份恢复该文件后重新运行。`,
      `未导入 ${join(dirname(torn), 'notes.txt')}：不是机器人保存的证据文件（证据按“内容哈希.扩展名”命名）。`,
    ].sort());
    expect(await evidenceBytes(b, recorded!)).toEqual(photo.data);
    expect(await keptEvidence(b)).toEqual([`${sha(photo.data)}.jpg`]);

    // run again (as on each host, or twice by mistake): nothing is copied twice
    const again = await importEvidence(a);
    expect(again.lines[0]).toBe(`已从 ${join(a.dir, 'data', 'evidence')} 导入 0 个证据文件（0.0 MB），1 个数据库中已有；数据库现存证据 1 个（0.0 MB）。`);
    expect(await keptEvidence(b)).toEqual([`${sha(photo.data)}.jpg`]);
    const kept = await b.read((s) => s.evidence.content(sha(photo.data)));
    expect(kept).toMatchObject({ mime: 'image/jpeg', size: photo.data.length });
  });

  it.skipIf(postgres)('has nothing to do on SQLite, where the folder is the store', async () => {
    const a = await open();
    expect(await importEvidence(a)).toEqual({ code: 0, lines: [`数据库是 SQLite：证据文件就保存在 ${join(a.dir, 'data', 'evidence')}，无需导入（只有 PostgreSQL 把证据存入数据库）。`] });
  });
});

describe('exports', () => {
  it('embeds the item\'s photo in the 整改报告, written by an instance that never received it (on SQLite, by the one bot)', async () => {
    const a = await open();
    const b = postgres ? await open({ sameDatabaseAs: a, roster: null }) : a;
    await a.send(G.leaders, '赵主任', '', { attachments: [{ name: '督查反馈.xlsx', mime: XLSX, data: await inspectionList() }] });
    await a.send(G.leaders, '赵主任', '确认导入');
    const photo = valveJpeg('报警器检定.jpg');
    await a.send(G.redStar, '张伟', 'YH-0001 进度80% 报警器已送检', { attachments: [photo] });
    await a.send(G.redStar, '张伟', '', { attachments: [gaugePng('检定证书.png')] });

    const out = await b.send(G.leaders, '刘县长', '整改报告 QD-0001');
    const reply = out.find((d) => d.group?.name === G.leaders);
    expect(reply?.text).toContain('附整改照片 2 张');
    const book = await sentWorkbook(reply);
    const sheet = book.getWorksheet('整改照片');
    if (!sheet) throw new Error('no 整改照片 sheet');
    const cells = (n: number) => Array.from({ length: 7 }, (_, i) => sheet.getRow(n).getCell(i + 1).value);
    expect(cells(1)).toEqual(['序号', '问题', '时间', '提交人', '环节', '文件', '照片']);
    expect(cells(2)).toEqual([1, '储罐区可燃气体报警器未定期检定', '12月1日 09:00', '张伟', '进度', '报警器检定.jpg', null]);
    expect(cells(3)).toEqual([1, '储罐区可燃气体报警器未定期检定', '12月1日 09:00', '张伟', '补充整改证据', '检定证书.png', null]);
    const images = sheet.getImages().map((i) => ({ row: i.range.tl.nativeRow, col: i.range.tl.nativeCol, data: Buffer.from(book.getImage(Number(i.imageId)).buffer as unknown as Uint8Array) }));
    expect(images).toEqual([{ row: 1, col: 6, data: photo.data }, { row: 2, col: 6, data: gaugePng().data }]);
  });
});

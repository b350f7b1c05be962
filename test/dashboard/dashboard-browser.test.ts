import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardHeight } from '../../src/cards/card-svg.ts';
import type { DashboardServer } from '../../src/dashboard/dashboard-server.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { testCardRenderer } from '../helpers/cards.ts';
import { dashboardLink, startChatDashboard } from '../helpers/dashboard.ts';
import { valveJpeg } from '../helpers/evidence.ts';
import { G } from '../helpers/hazards.ts';
import { buildLedger } from '../helpers/ledger.ts';

/** Debian's Chromium (`.ci/run` installs it); the wrapper in /usr/bin prints a harmless shell error. */
const CHROMIUM = process.env.HZ_CHROMIUM ?? '/usr/lib/chromium/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const DOCS_IMAGES = join(import.meta.dirname, '..', '..', 'docs', 'images');
/** The part of an <img> the tests read (the project compiles without the DOM types). */
interface Img {
  naturalWidth: number;
  naturalHeight: number;
}
const PHONE = { width: 390, height: 844 };
const SCREEN = { width: 1440, height: 900 };

const available = existsSync(CHROMIUM);
if (!available) console.warn(`\n[browser tests skipped] no Chromium at ${CHROMIUM}: install it with \`apt-get install -y --no-install-recommends chromium fonts-wqy-microhei\` (.ci/run does), or set HZ_CHROMIUM.\n`);

let browser: Browser;
let chat: Chat;
let server: DashboardServer;

beforeAll(async () => {
  if (available) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await server?.close();
  await chat?.close();
});

/** Saves a screenshot as a test artifact (and, with HZ_DOCS_IMAGES=1, as the docs' picture). */
async function shoot(page: Page, name: string, docs = false): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.screenshot({ fullPage: true });
  writeFileSync(join(ARTIFACTS, name), png);
  if (docs && process.env.HZ_DOCS_IMAGES === '1') {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    writeFileSync(join(DOCS_IMAGES, name), await page.screenshot({ fullPage: false }));
  }
}

/** The headline figures as the page shows them: data-figure → value and major count. */
async function figures(page: Page): Promise<Record<string, { value: string; major: string | null }>> {
  return page.$$eval('[data-figure]', (tiles) => Object.fromEntries(tiles.map((t) => [
    t.getAttribute('data-figure') ?? '',
    { value: t.querySelector('[data-value]')?.textContent ?? '', major: t.querySelector('[data-major]')?.textContent ?? null },
  ])));
}

describe.skipIf(!available)('the dashboard in Chromium', () => {
  it('shows the ledger\'s figures on a phone and a screen, the unit pages with photos, and refuses a stale link', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    await chat.send(G.redStar, '张伟', 'YH-0001 进度80% 新阀门已装好', { attachments: [valveJpeg('新阀门.jpg')] });
    server = await startChatDashboard(chat);
    const url = await dashboardLink(chat, server, G.leaders, '刘县长');
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));

    await page.goto(url);
    // hand-counted (test/helpers/ledger.ts) on 12-03: four open (one major), YH-0003 overdue since
    // 12-02, one registered today, none closed today; of the two due in 30 days none closed in time
    expect(await figures(page)).toEqual({
      open: { value: '4', major: '1' }, overdue: { value: '1', major: '0' }, created: { value: '1', major: '0' },
      closed: { value: '0', major: null }, 'on-time': { value: '0%', major: null },
    });
    // and the same as the digest the leaders receive
    const digest = await chat.read((s) => s.digests.digest({ from: '2026-12-03', to: '2026-12-03' }, '2026-12-03', 10));
    expect([digest.open.total, digest.overdue.total, digest.created.total, digest.closed]).toEqual([4, 1, 1, 0]);
    expect(await page.$$eval('[data-table="overdue"] [data-code]', (rows) => rows.map((r) => `${r.getAttribute('data-code')} ${r.querySelector('[data-days]')?.textContent}`))).toEqual(['YH-0003 1天']);
    expect(await page.$$eval('[data-table="by-unit"] [data-row]', (rows) => rows.map((r) => `${r.getAttribute('data-row')} ${r.querySelector('[data-open]')?.textContent}/${r.querySelector('[data-overdue]')?.textContent}`)))
      .toEqual(['实验小学 1/1', '红星化工 2/0', '蓝天物流 1/0']);
    expect(await page.$$eval('[data-table="by-department"] [data-row]', (rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['城关镇', '应急管理局']);
    // the charts load as pictures, drawn at their size
    const charts = await page.$$eval('img.chart', (imgs) => imgs.map((i) => (i as unknown as Img).naturalWidth));
    expect(charts).toEqual([640, 640]);
    // nothing overflows the phone's width
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, 'dashboard-phone.png', true);

    // a unit's page: its hazards, history and the photo sent as evidence
    await page.click('[data-table="by-unit"] a:text("红星化工")');
    await page.waitForSelector('[data-code="YH-0001"]');
    expect(await page.textContent('[data-code="YH-0001"]')).toContain('进度 80%');
    const photo = await page.$eval('.photos img', (i) => ({ w: (i as unknown as Img).naturalWidth, alt: i.getAttribute('alt') }));
    expect(photo).toEqual({ w: 32, alt: '新阀门.jpg' });
    await shoot(page, 'dashboard-unit-phone.png');

    // the large screen (调度会): five tiles in a row
    await page.setViewportSize(SCREEN);
    await page.goto(url);
    const tops = await page.$$eval('[data-figure]', (tiles) => tiles.map((t) => Math.round(t.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await shoot(page, 'dashboard-screen.png', true);
    expect(problems).toEqual([]);

    // a day and more later the same link is refused, in Chinese
    await chat.setClock('2026-12-04 11:00');
    await page.goto(url);
    expect(await page.textContent('h1')).toBe('链接已过期');
    await page.goto(url.replace(/[\w-]{4}\/$/, 'AAAA/'));
    expect(await page.textContent('h1')).toBe('链接无效');
    await context.close();
  });

  it('shows a department only its own units', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    server = await startChatDashboard(chat);
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(await dashboardLink(chat, server, G.housing, '孙建设'));
    expect(await page.textContent('h1')).toBe('数据看板 · 住建局及所监管单位');
    const body = await page.textContent('body');
    for (const other of ['红星化工', '蓝天物流', '实验小学', '城关镇', '应急管理局']) expect(body).not.toContain(other);
    // 住建局's only hazard was closed on 12-02
    expect(await figures(page)).toMatchObject({ open: { value: '0' }, overdue: { value: '0' } });
    await shoot(page, 'dashboard-department-phone.png');
    await page.close();
  });

  it('draws the card the digest sends, for the docs', async () => {
    chat = await createChat({ at: '2026-12-01 08:00', cards: testCardRenderer() });
    await buildLedger(chat);
    const mark = chat.channel.sent.length;
    await chat.setClock('2026-12-03 18:00');
    const digest = chat.channel.sent.slice(mark).find((d) => d.group?.name === G.leaders && d.file);
    expect(digest?.file).toBeDefined();
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = join(ARTIFACTS, 'card-daily.png');
    writeFileSync(png, digest!.file!.data);
    const page = await browser.newPage({ viewport: { width: 540, height: 900 } });
    await page.goto(`file://${png}`);
    const size = await page.$eval('img', (i) => ({ w: (i as unknown as Img).naturalWidth, h: (i as unknown as Img).naturalHeight }));
    expect(size.w).toBe(1080);
    expect(size.h).toBeGreaterThan(cardHeight({ bars: [] }) - 1);
    await page.close();
    if (process.env.HZ_DOCS_IMAGES === '1') writeFileSync(join(DOCS_IMAGES, 'card-daily.png'), digest!.file!.data);
  });
});

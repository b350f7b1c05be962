import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { trendSvg } from './dashboard-charts.ts';
import { dashboardEvidence, dashboardOverview, dashboardTrend, dashboardUnit } from './dashboard-data.ts';
import { checkDashboardLink } from '../features/dashboard-links.ts';
import { evidenceStore } from '../features/evidence-store.ts';
import { noticePage, overviewPage, unitPage } from './dashboard-pages.ts';
import type { Logger } from '../core/logger.ts';
import type { SerialQueue } from '../core/serial-queue.ts';
import type { DashboardConfig } from '../core/config.ts';
import type { Db } from '../db/database.ts';
import { createStore, type Store } from '../db/store.ts';
import type { Person } from '../domain/types.ts';

export interface DashboardServerDeps {
  db: Db;
  /** the bot's queue: a page reads between messages, never inside one's transaction */
  queue: SerialQueue;
  config: DashboardConfig;
  dataDir: string;
  log: Logger;
  clock?: () => Date;
}

/**
 * Headers on every answer: nothing runs but our own stylesheet and pictures, nothing is framed,
 * cached, sniffed or sent on as a referrer (the token is in the path).
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** A chart's SVG as an image may style itself; it is still allowed nothing else. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const CSS = readFileSync(join(import.meta.dirname, 'dashboard.css'), 'utf8');

const REFUSED = {
  invalid: ['链接无效', '这个看板链接不完整或已被改动，无法打开。请在群里发送「看板」获取新的链接。'],
  expired: ['链接已过期', '看板链接有效期已过。请在群里发送「看板」获取新的链接。'],
  revoked: ['链接已作废', '这个看板链接已被作废（发送过「看板 撤销」，或密钥已更换，或你已不在名册中）。需要时请重新发送「看板」。'],
} as const;

type Env = { Variables: { viewer: Person } };

/**
 * The dashboard's HTTP app (hono): every address lives under `/v/<token>/`; the token is checked
 * (signature, expiry, revocation, the viewer's role) before anything is read, and what a page
 * shows is what that viewer may see. No file listing, no static folder: each answer is one of
 * the routes below.
 */
export function createDashboardApp(deps: DashboardServerDeps): Hono<Env> {
  const clock = deps.clock ?? (() => new Date());
  const read = <T>(work: (store: Store) => Promise<T>) => deps.queue.run(() => work(createStore(deps.db)));
  const notice = (c: Context, status: 403 | 404 | 410 | 500, [title, text]: readonly [string, string]) => c.html(noticePage(title, text), status);
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });

  app.use('/v/:token/*', async (c, next) => {
    const now = clock();
    const check = await read(async (store) => {
      const result = await checkDashboardLink(store, c.req.param('token'), now);
      if ('viewer' in result) await store.dashboard.touchLink(result.linkId, now);
      return result;
    });
    if ('refused' in check) return notice(c, check.refused === 'invalid' ? 403 : 410, REFUSED[check.refused]);
    c.set('viewer', check.viewer);
    await next();
  });

  app.get('/v/:token/', async (c) => {
    const overview = await read((store) => dashboardOverview(store, c.get('viewer'), clock()));
    return c.html(overviewPage(overview, ''));
  });

  app.get('/v/:token/assets/dashboard.css', (c) => c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));

  app.get('/v/:token/charts/:name{trend-(30|90)\\.svg}', async (c) => {
    const days = c.req.param('name') === 'trend-90.svg' ? 90 : 30;
    const svg = trendSvg(await read((store) => dashboardTrend(store, c.get('viewer'), clock(), days)));
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-security-policy': SVG_CSP });
  });

  app.get('/v/:token/unit/:id{[0-9]{1,9}}', async (c) => {
    const unit = await read((store) => dashboardUnit(store, c.get('viewer'), Number(c.req.param('id'))));
    if (!unit) return notice(c, 404, ['无法查看该单位', '该单位不存在，或不在你可查看的范围内。']);
    return c.html(unitPage(unit, '../', clock()));
  });

  app.get('/v/:token/evidence/:sha{[0-9a-f]{64}}', async (c) => {
    const sha256 = c.req.param('sha');
    const found = await read(async (store) => {
      const file = await dashboardEvidence(store, c.get('viewer'), sha256);
      if (!file || !file.mime.startsWith('image/')) return null;
      // from the database on PostgreSQL: the instance serving the page need not be the one that received it
      return { mime: file.mime, data: await evidenceStore(store, deps.dataDir).read({ sha256, path: file.path }) };
    });
    if (!found) return notice(c, 404, ['无法查看该图片', '图片不存在，或不在你可查看的范围内。']);
    if (!found.data) return notice(c, 404, ['无法查看该图片', '图片文件已不在服务器上。']);
    return c.body(new Uint8Array(found.data), 200, { 'content-type': found.mime });
  });

  app.notFound((c) => notice(c, 404, ['页面不存在', '请在群里发送「看板」获取链接，从链接打开看板。']));
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path.replace(/\/v\/[^/]+/, '/v/…') }, 'dashboard page failed');
    return notice(c, 500, ['看板暂时打不开', '服务器出了点问题，请稍后再试；一直打不开请联系管理员。']);
  });
  return app;
}

/** The running dashboard server. */
export interface DashboardServer {
  /** where it listens, e.g. http://127.0.0.1:8787 */
  url: string;
  close(): Promise<void>;
}

/** Starts the dashboard on HZ_HTTP_HOST:HZ_HTTP_PORT (port 0: any free port, for tests). */
export async function startDashboardServer(deps: DashboardServerDeps, port = deps.config.port ?? 0): Promise<DashboardServer> {
  const app = createDashboardApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port, hostname: deps.config.host }, () => ready(s));
    s.once('error', fail);
  });
  const address = server.address() as AddressInfo;
  deps.log.info({ host: deps.config.host, port: address.port, publicUrl: deps.config.publicUrl }, 'dashboard listening');
  return {
    url: `http://${deps.config.host}:${address.port}`,
    close: () => new Promise<void>((done) => {
      server.close(() => done());
      // an in-app browser may keep a connection open: do not wait for it
      if ('closeAllConnections' in server) server.closeAllConnections();
    }),
  };
}

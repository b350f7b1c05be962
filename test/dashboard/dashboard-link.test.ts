import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardServer } from '../../src/dashboard/dashboard-server.ts';
import { signDashboardToken, verifyDashboardToken } from '../../src/features/dashboard-token.ts';
import { createChat, type Chat } from '../helpers/chat.ts';
import { dashboardLink, startChatDashboard } from '../helpers/dashboard.ts';
import { G } from '../helpers/hazards.ts';
import { buildLedger } from '../helpers/ledger.ts';

let chat: Chat;
let server: DashboardServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await chat?.close();
});

const get = async (url: string) => {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('看板: the link', () => {
  it('is sent privately to leaders, departments and admins, never to a unit contact', async () => {
    chat = await createChat();
    const out = await chat.send(G.leaders, '刘县长', '看板');
    expect(chat.lines(out)).toEqual([
      expect.stringMatching(/^→ \[私聊·刘县长\] 【数据看板】只读链接（24小时内有效，至12月2日 09:00）：\nhttp:\/\/localhost:8787\/v\/\d+\.\d+\.\d+\.[\w-]{43}\/\n/),
      '→ [县安委会领导群] @刘县长 看板链接已私信发给你（只对你本人有效，请勿转发）。',
    ]);
    expect(chat.lines(await chat.send(G.safety, '王建国', '看板'))[0]).toMatch(/^→ \[私聊·王建国\] 【数据看板】/);
    const refused = chat.lines(await chat.send(G.redStar, '张伟', '看板'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).not.toContain('http');
    expect(chat.lines(await chat.send(G.leaders, '刘县长', '看板 明天'))).toEqual([
      '→ [县安委会领导群] 「看板」后面只能跟「撤销」（管理员还可用「换钥」），没看懂「明天」。例：看板、看板 撤销\n用法：看板（或：看板 撤销；管理员：看板 换钥）',
    ]);
  });

  it('signs viewer and expiry: a changed character, another viewer or a later clock is refused', () => {
    const key = 'k'.repeat(64);
    const now = new Date('2026-12-01T01:00:00Z');
    const token = signDashboardToken({ linkId: 7, personId: 3, expires: now.getTime() / 1000 + 3600 }, key);
    expect(verifyDashboardToken(token, key, now)).toEqual({ linkId: 7, personId: 3, expires: now.getTime() / 1000 + 3600 });
    expect(verifyDashboardToken(token.replace('.3.', '.4.'), key, now)).toBe('invalid');
    expect(verifyDashboardToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), key, now)).toBe('invalid');
    expect(verifyDashboardToken(token, 'x'.repeat(64), now)).toBe('invalid');
    expect(verifyDashboardToken(token, key, new Date(now.getTime() + 3_600_000))).toBe('expired');
    expect(verifyDashboardToken('../../etc/passwd', key, now)).toBe('invalid');
  });

  it('serves nothing without a valid token, refuses tampered, expired and revoked links with a Chinese page, and sets security headers', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    server = await startChatDashboard(chat);
    const url = await dashboardLink(chat, server, G.leaders, '刘县长');

    const ok = await get(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    expect(ok.headers.get('x-frame-options')).toBe('DENY');
    expect(ok.text).not.toMatch(/<script/i);
    expect((await get(`${url}assets/dashboard.css`)).status).toBe(200);

    for (const path of ['/', '/v/', '/assets/dashboard.css', '/v/x/assets/dashboard.css', '/evidence/', '/favicon.ico']) {
      const res = await get(`${server.url}${path}`);
      expect(res.status, path).toBeGreaterThanOrEqual(403);
      expect(res.text, path).not.toContain(':root');
      expect(res.text, path).toContain('<h1>');
    }
    // another viewer's id in a valid link
    const tampered = url.replace(/\/v\/(\d+)\.(\d+)\./, (_m, link: string, person: string) => `/v/${link}.${Number(person) + 1}.`);
    expect(tampered).not.toBe(url);
    expect(await get(tampered)).toMatchObject({ status: 403, text: expect.stringContaining('链接无效') });

    await chat.setClock('2026-12-04 11:00');
    expect(await get(url)).toMatchObject({ status: 410, text: expect.stringContaining('链接已过期') });

    const fresh = await dashboardLink(chat, server, G.leaders, '刘县长');
    expect((await get(fresh)).status).toBe(200);
    expect(chat.lines(await chat.send(G.leaders, '刘县长', '看板 撤销'))).toEqual(['→ [县安委会领导群] 已作废你的 1 个看板链接。需要时再发送「看板」获取新链接。']);
    expect(await get(fresh)).toMatchObject({ status: 410, text: expect.stringContaining('链接已作废') });

    // the admin rotates the key: every link handed out before stops working
    const another = await dashboardLink(chat, server, G.leaders, '刘县长');
    expect(chat.lines(await chat.send(G.safety, '赵主任', '看板 换钥'))).toEqual(['→ [应急管理局监管群] 看板密钥已更换：此前发出的所有看板链接均已失效。']);
    expect((await get(another)).status).toBe(403);
  });

  it('shows a department its own units only, and no other unit page or photo', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await buildLedger(chat);
    server = await startChatDashboard(chat);
    const county = await get(await dashboardLink(chat, server, G.leaders, '刘县长'));
    for (const unit of ['红星化工', '蓝天物流', '实验小学']) expect(county.text).toContain(unit);
    const deptUrl = await dashboardLink(chat, server, G.safety, '王建国');
    const dept = await get(deptUrl);
    expect(dept.text).toContain('数据看板 · 应急管理局及所监管单位');
    expect(dept.text).toContain('红星化工');
    // 城南建筑工地 is 住建局's, 实验小学 is 城关镇's
    expect(dept.text).not.toContain('城南建筑工地');
    expect(dept.text).not.toContain('实验小学');
    const siteId = (await chat.read((s) => s.roster.unitByName('城南建筑工地')))!.id;
    expect(await get(`${deptUrl}unit/${siteId}`)).toMatchObject({ status: 404, text: expect.stringContaining('不在你可查看的范围内') });
  });
});

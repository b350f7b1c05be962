import { afterEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { testProvider } from '../helpers/database.ts';

// 运行状态 (issue #13): an admin sees the instances, the scheduler's holder, the outbox, the last
// job runs and the database; nobody else may.
let chat: Chat;
afterEach(async () => {
  await chat.close();
});

describe('运行状态', () => {
  it('shows an admin the process, the outbox, the last run of each job and the database; refuses others', async () => {
    chat = await createChat({ at: '2026-12-01 08:00' });
    await chat.send('应急管理局监管群', '王建国', '登记隐患：红星化工 静电接地线断开 责任人 张伟 12月2日前');
    await chat.setClock('2026-12-01 09:30'); // the morning message runs
    const [reply] = chat.lines(await chat.send(null, '赵主任', '运行状态'));
    expect(reply).toContain('【运行状态】');
    expect(reply).toContain(testProvider() === 'sqlite' ? '部署：单实例（SQLite' : '部署：PostgreSQL 多实例');
    expect(reply).toContain(`实例 ${chat.bot.instance}（本条由它回复）`);
    expect(reply).toMatch(/发送队列：待发 0 条，发送失败 0 条/);
    expect(reply).toMatch(/定时任务 send-morning-message：最近一次 12月1日 09:00，由 \S+ 执行/);
    expect(reply).toMatch(testProvider() === 'sqlite' ? /数据库：SQLite 3\.\d+/ : /数据库：PostgreSQL \d+/);
    const [refused] = chat.lines(await chat.send('应急管理局监管群', '王建国', '运行状态'));
    expect(refused).not.toContain('【运行状态】');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, type Chat } from '../helpers/chat.ts';
import { G } from '../helpers/hazards.ts';

// A hazard is 重大 or 一般 (DOMAIN.md). 特别重大 and 较大 are accident grades: read as 重大 (or
// dropped, leaving the 一般 default) they recorded a level nobody wrote. They are asked instead.
let chat: Chat;
beforeEach(async () => {
  chat = await createChat({ at: '2026-12-02 10:00' });
});
afterEach(async () => {
  await chat.close();
});

const count = () => chat.read((s) => s.hazards.count({ includeClosed: true }));
const base = '登记隐患 蓝天物流 叉车未年检 责任人 钱经理 12月15日前';

describe('a level the two-level scheme does not have is asked, never guessed', () => {
  it.each([
    [`${base} 等级：特别重大`, '特别重大'],
    [`${base} 等级 较大`, '较大'],
    [`${base} 级别为较大`, '较大'],
    ['登记隐患 蓝天物流 特别重大隐患 叉车未年检 责任人 钱经理 12月15日前', '特别重大'],
  ])('%s', async (text, written) => {
    const out = await chat.send(G.safety, '王建国', text);
    expect(out[0]?.text).toContain(`没看懂「${written}」`);
    expect(out[0]?.text).toContain('请回复 重大 或 一般');
    expect(await count()).toBe(0);
  });

  it('the answer 重大 registers the hazard as 重大; another unreadable answer is asked again', async () => {
    await chat.send(G.safety, '王建国', `${base} 等级：特别重大`);
    const again = await chat.send(G.safety, '王建国', '很大');
    expect(again[0]?.text).toContain('没看懂「很大」');
    expect(await count()).toBe(0);
    const done = await chat.send(G.safety, '王建国', '重大');
    expect(done[0]?.text).toContain('已登记');
    const [hazard] = await chat.read((s) => s.hazards.all());
    expect(hazard).toMatchObject({ level: 'major', description: '叉车未年检' });
  });

  it.each([
    [`${base} 等级：重大`, 'major'],
    [`${base} 等级：一般隐患`, 'general'],
    [`${base} 重大隐患`, 'major'],
    [base, 'general'],
  ])('%s is read as before', async (text, level) => {
    const out = await chat.send(G.safety, '王建国', text);
    expect(out[0]?.text).toContain('已登记');
    const [hazard] = await chat.read((s) => s.hazards.all());
    expect(hazard?.level).toBe(level);
  });
});

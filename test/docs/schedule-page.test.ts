import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fencedBlocks } from './markdown.ts';

const REPO = join(import.meta.dirname, '..', '..');

describe('docs/schedule.md', () => {
  it('"What the groups see" shows pushes exactly as the reviewed reminders transcript prints them', () => {
    const page = readFileSync(join(REPO, 'docs/schedule.md'), 'utf8');
    const section = page.slice(page.indexOf('## What the groups see'), page.indexOf('## Running it'));
    const blocks = fencedBlocks(section);
    expect(blocks.map((b) => b.body.split('\n')[0])).toEqual([
      '【今日提醒】12月8日（周二）', '【今日提醒】12月8日（周二）', '【每日安全汇总】12月8日 · 全县',
      '【重大隐患逾期】以下重大隐患今日起逾期，节假日照常提醒：', '【每周安全小结】11月30日—12月6日 · 全县',
    ]);
    // each push in the transcript is a `MM-DD HH:mm → [群] …` line followed by its body
    const transcript = readFileSync(join(REPO, 'test/transcripts/reminders.out.txt'), 'utf8');
    const pushes = transcript.split(/\n(?=\d\d-\d\d \d\d:\d\d → )/).map((p) => p.slice(p.indexOf('【')).trimEnd());
    for (const b of blocks) expect(pushes).toContain(b.body.trimEnd());
  });
});

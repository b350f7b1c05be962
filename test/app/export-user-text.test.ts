import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, sentWorkbook, type Chat } from '../helpers/chat.ts';
import { G, registerHazard } from '../helpers/hazards.ts';

// What users type lands in the exported ledger's cells: text that starts like a formula
// (= + - @) must stay text there, never become a formula Excel or WPS would run.
let chat: Chat;
beforeEach(async () => {
  chat = await createChat();
});
afterEach(async () => {
  await chat.close();
});

describe('user text in the Excel ledger', () => {
  it('is written as text cells, never as formulas', async () => {
    const injected = ['=HYPERLINK("http://evil.example"，"点我")', '+SUM(1)', '@SUM(A1)', '=cmd|\' /C calc\'!A0'];
    for (const [i, text] of injected.entries()) {
      const code = await registerHazard(chat, `红星化工 隐患：${text}\n位置：=1+1\n措施：@cmd${i}\n责任人：张伟\n整改时限：12月20日前`);
      expect((await chat.read((s) => s.hazards.byCode(code)))?.description).toBe(text);
    }
    const out = await chat.send(G.safety, '王建国', '导出台账');
    const file = out[0]?.file;
    if (!file) throw new Error(chat.lines(out).join('\n'));
    const book = await sentWorkbook(out[0]);
    const ledger = book.getWorksheet('隐患台账');
    const descriptions = [3, 4, 5, 6].map((row) => ledger?.getRow(row).getCell(6));
    expect(descriptions.map((c) => [c?.type, c?.value])).toEqual(injected.map((t) => [ExcelJS.ValueType.String, t]));
    expect(ledger?.getRow(3).getCell(7).value).toBe('=1+1');
    // and in the file itself: no <f> element in any sheet
    const path = join(chat.dir, 'sent.xlsx');
    writeFileSync(path, file.data);
    const sheets = execFileSync('unzip', ['-p', path, 'xl/worksheets/*.xml']).toString('utf8');
    expect(sheets).not.toMatch(/<f[\s>]/);
  });
});

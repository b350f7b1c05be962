import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, measure, understand } from './corpus/understand.ts';

/**
 * #10: 447 messages written the way county officials and enterprise safety officers write in
 * WeChat/DingTalk, each with what the parse layer must make of it field by field
 * (test/parse/corpus/messages.jsonl). Where the right answer is to ask back or to say "not
 * understood", the expectation says so: a missing field is null, an unread deadline is quoted in
 * deadlineText or toText, everyday chat is { meant: false, command: null }.
 */
describe('the corpus of officials’ messages', () => {
  it('has at least 400 messages of every kind', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(400);
    const groups = new Set(CORPUS.map((row) => row.group));
    for (const group of ['registration', 'progress', 'completion', 'acceptance', 'rejection', 'extension', 'command', 'question', 'chat']) {
      expect(groups).toContain(group);
    }
  });

  it.each(CORPUS.map((row) => [row.group, row.text, row.expect] as const))('%s: %s', (_, text, expected) => {
    const actual = understand(text);
    const picked = Object.fromEntries(Object.keys(expected).map((field) => [field, actual[field] ?? null]));
    expect(picked).toEqual(expected);
  });

  it('is understood exactly, field by field (the figure in docs/understanding.md)', () => {
    const { fields, fieldsRight, messages, messagesRight } = measure(CORPUS);
    expect({ fieldsRight, messagesRight }).toEqual({ fieldsRight: fields, messagesRight: messages });
    const page = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'understanding.md'), 'utf8');
    expect(page).toContain(`${messages} 条消息`);
    expect(page).toContain(`共 ${fields} 个字段`);
    expect(page).toContain(`| 现在 | ${fieldsRight} / ${fields}（100%） | ${messagesRight} / ${messages}（100%） |`);
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(`${messages} 条真实写法的语料逐字段全对`);
  });
});

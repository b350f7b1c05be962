import type { Role } from '../domain/types.ts';

const ROLE_WORDS: ReadonlyArray<readonly [Role, RegExp]> = [
  ['admin', /^(管理员|admin)$/i],
  ['leader', /^(领导|县领导|分管领导|leader)$/i],
  ['department', /^(监管部门|部门|监管|department)$/i],
  ['contact', /^(联系人|单位联系人|企业联系人|安全员|企业|contact)$/i],
];

/** 管理员 / 领导 / 监管部门 / 联系人 (and English) → role. */
export function parseRole(word: string): Role | null {
  return ROLE_WORDS.find(([, re]) => re.test(word.trim()))?.[0] ?? null;
}

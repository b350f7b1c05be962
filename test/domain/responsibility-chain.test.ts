import { describe, expect, it } from 'vitest';
import { mentionedAbout, noticeSubject } from '../../src/domain/notice-subject.ts';
import { chainLeaders, mainLeaderTold, type LeaderCharge } from '../../src/domain/responsibility-chain.ts';
import type { HazardView } from '../../src/domain/types.ts';
import { byteLength, TEXT_LIMIT_BYTES } from '../../src/i18n/fit.ts';
import { zh } from '../../src/i18n/zh-CN.ts';

// units: 1 应急管理局 ← 2 城关镇 ← 3 实验小学; 4 住建局 ← 5 城南工地
const supervisorOf = (id: number) => ({ 2: 1, 3: 2, 5: 4 } as Record<number, number>)[id] ?? null;
const line = (departmentId: number | null, sector: string | null, inCharge: string | null, main: string | null = null): LeaderCharge => ({
  departmentId, departmentName: departmentId === null ? null : `部门${departmentId}`, sector,
  inCharge: inCharge ? { id: inCharge.length, name: inCharge } : null, main: main ? { id: 100 + main.length, name: main } : null,
});
const who = (unitId: number, category: string, charges: LeaderCharge[], unitSector: string | null = null) => {
  const c = chainLeaders({ unitId, category, unitSector }, charges, supervisorOf);
  return [c.inCharge?.name ?? null, c.main?.name ?? null];
};

describe('whose charge a hazard falls under', () => {
  const charges = [line(null, null, null, '书记'), line(1, null, '甲'), line(null, '消防', '乙'), line(1, '危化品', '丙'), line(2, null, '丁'), line(4, null, '戊', '县长')];
  it('takes department and sector together first, then the sector, then the nearest department, then the county', () => {
    expect(who(3, '危化品', charges)).toEqual(['丙', '书记']); // 应急管理局 is on the school's path, with the sector
    expect(who(3, '消防', charges)).toEqual(['乙', '书记']); // sector before department
    expect(who(3, '其他', charges)).toEqual(['丁', '书记']); // the nearest department: 城关镇 before 应急管理局
    expect(who(5, '其他', charges)).toEqual(['戊', '县长']); // a department's own main leader
    expect(who(9, '其他', charges)).toEqual([null, '书记']); // no supervisor: the county line
    expect(who(9, '其他', charges, '消防')).toEqual(['乙', '书记']); // the unit's sector when the category says nothing
  });
  it('names the main leader for 督办 items and for a major hazard overdue more than N days only', () => {
    const policy = { mainAfterMajorDays: 7 };
    expect(mainLeaderTold({ level: 'general', supervised: false }, 30, policy)).toBe(false);
    expect(mainLeaderTold({ level: 'major', supervised: false }, 7, policy)).toBe(false);
    expect(mainLeaderTold({ level: 'major', supervised: false }, 8, policy)).toBe(true);
    expect(mainLeaderTold({ level: 'general', supervised: true }, 1, policy)).toBe(true);
    expect(mainLeaderTold({ level: 'general', supervised: true }, 0, policy)).toBe(false);
  });
});

describe('what a notice said about a hazard', () => {
  const morning = ['【补发】【今日提醒】12月7日（周一）', '一、逾期 1 项（本单位）：', '1. YH-0002 甲', '二、升级到县领导 2 项（逾期超过3天首次上报）：', '1. YH-0001 乙｜分管 刘县长', '2. YH-0012 丙｜分管 陈副县长｜报主要领导 郑书记'].join('\n');
  it('reads the title and the section, a tag after the code, or the start of the line', () => {
    expect(noticeSubject(morning, 'YH-0001')).toBe('今日提醒·升级到县领导');
    expect(noticeSubject(morning, 'YH-0002')).toBe('今日提醒·逾期');
    expect(noticeSubject('YH-0001【挂牌督办】已列入挂牌督办，督办领导：刘县长。', 'YH-0001')).toBe('挂牌督办');
    expect(noticeSubject('已登记 YH-0001\n单位：红星化工', 'YH-0001')).toBe('已登记 YH-0001');
  });
  it('keeps the mentions its line names', () => {
    expect(mentionedAbout(morning, 'YH-0001', ['刘县长', '陈副县长', '郑书记'])).toEqual(['刘县长']);
    expect(mentionedAbout(morning, 'YH-0012', ['刘县长', '陈副县长', '郑书记'])).toEqual(['陈副县长', '郑书记']);
    expect(mentionedAbout('已登记 YH-0001', 'YH-0001', ['张伟'])).toEqual(['张伟']);
  });
});

describe('the 责任链 reply', () => {
  it('comes in messages that each fit the platform, a long record cut in the middle', () => {
    const hazard = { code: 'YH-0001', level: 'major', unitName: '红星化工', description: '储罐区呼吸阀损坏', ownerName: '张伟', deadline: '2026-12-03', status: 'rectifying', progress: 40, source: 'department_check', supervised: false, supervisingLeader: null } as unknown as HazardView;
    const entries = Array.from({ length: 75 }, (_, i) => ({ kind: 'notice' as const, at: new Date(Date.UTC(2026, 11, 1, i)), where: '红星化工安全对接群', mentionNames: ['张伟'], subject: '今日提醒·逾期', status: 'sent' as const }));
    const pages = zh.chain.render(hazard, { supervisorName: '应急管理局', inCharge: null, main: null }, entries, new Date(Date.UTC(2026, 11, 8)));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => byteLength(p) <= TEXT_LIMIT_BYTES)).toBe(true);
    expect(pages[1]?.split('\n')[0]).toBe('【责任链】YH-0001（续1）');
    const rows = pages.join('\n').split('\n').filter((l) => l.startsWith('· '));
    expect(rows).toHaveLength(60);
    expect(pages.join('\n')).toContain('……中间 15 条从略……');
    expect(pages[0]).toContain('共 75 条');
  });
});

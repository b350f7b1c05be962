import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applySqliteMigrations, readMigrations } from '../../src/db/migrate.ts';

describe('the migration gives existing hazards a source', () => {
  it('企业自查 for a contact in their own unit, 部门检查 for a department, 其他 otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hz-source-'));
    try {
      const file = join(dir, 'old.db');
      const all = readMigrations();
      const index = all.findIndex((m) => m.name.endsWith('_problem_lists'));
      expect(index).toBeGreaterThan(0);
      applySqliteMigrations(file, all.slice(0, index));
      const db = new Database(file);
      db.exec(`
        INSERT INTO Unit (id, name, kind) VALUES (1, '应急管理局', 'department'), (2, '红星化工', 'enterprise'), (3, '蓝天物流', 'enterprise');
        INSERT INTO Person (id, name, unitId, role) VALUES (1, '王建国', 1, 'department'), (2, '张伟', 2, 'contact'), (3, '刘县长', NULL, 'leader');
        INSERT INTO Hazard (code, description, category, unitId, reporterId, ownerId, deadline, originalDeadline, updatedAt) VALUES
          ('YH-0001', '自己发现', '危化品', 2, 2, 2, '2026-12-15', '2026-12-15', '2026-12-01'),
          ('YH-0002', '部门发现', '危化品', 2, 1, 2, '2026-12-15', '2026-12-15', '2026-12-01'),
          ('YH-0003', '领导发现', '其他', 3, 3, 2, '2026-12-15', '2026-12-15', '2026-12-01'),
          ('YH-0004', '别家联络员', '其他', 3, 2, 2, '2026-12-15', '2026-12-15', '2026-12-01');
      `);
      db.close();
      applySqliteMigrations(file, all);
      const after = new Database(file, { readonly: true });
      const rows = after.prepare('SELECT code, source FROM Hazard ORDER BY code').all();
      after.close();
      expect(rows).toEqual([
        { code: 'YH-0001', source: 'self_check' },
        { code: 'YH-0002', source: 'department_check' },
        { code: 'YH-0003', source: 'other' },
        { code: 'YH-0004', source: 'other' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeEvidence } from '../../src/app/evidence-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hz-evidence-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200_000, 7)]);

describe('evidence files', () => {
  it('are stored whole under their hash, with no temp file left behind', () => {
    const { stored, rejected } = storeEvidence(dir, [{ name: '现场.jpg', mime: 'application/octet-stream', data: jpeg }]);
    expect(rejected).toEqual([]);
    expect(stored[0]).toMatchObject({ mime: 'image/jpeg', size: jpeg.length });
    const path = join(dir, stored[0]?.path ?? '');
    expect(readFileSync(path).equals(jpeg)).toBe(true);
    expect(readdirSync(join(path, '..'))).toEqual([path.split('/').at(-1)]);
  });

  it('ignore a torn temp file a crash left where the file goes', () => {
    const first = storeEvidence(dir, [{ name: 'a.jpg', mime: 'image/jpeg', data: jpeg }]).stored[0];
    rmSync(join(dir, first?.path ?? ''));
    mkdirSync(join(dir, first?.path ?? '', '..'), { recursive: true });
    writeFileSync(join(dir, `${first?.path ?? ''}.${process.pid}.tmp`), jpeg.subarray(0, 1000));
    const again = storeEvidence(dir, [{ name: 'a.jpg', mime: 'image/jpeg', data: jpeg }]).stored[0];
    expect(readFileSync(join(dir, again?.path ?? '')).equals(jpeg)).toBe(true);
  });

  it('refuse a type they do not keep', () => {
    expect(storeEvidence(dir, [{ name: 'x.exe', mime: 'application/x-msdownload', data: Buffer.from('MZ') }]).rejected).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingAttachment } from '../../src/channels/channel.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'evidence');

/** A real 32×24 JPEG photo (test/fixtures/evidence/valve.jpg). */
export const valveJpeg = (name = 'valve.jpg'): IncomingAttachment => ({ name, mime: 'image/jpeg', data: readFileSync(join(DIR, 'valve.jpg')) });

/** A real 24×24 PNG (test/fixtures/evidence/gauge.png). */
export const gaugePng = (name = 'gauge.png'): IncomingAttachment => ({ name, mime: 'image/png', data: readFileSync(join(DIR, 'gauge.png')) });

/** The full six-part plan of a major hazard, as an owner writes it. */
export const FULL_PLAN = '治理方案 目标任务：消除呼吸阀泄漏 方法措施：更换原厂呼吸阀并检测 资金物资：预算12万元，已采购 机构人员：设备部张伟牵头 时限要求：12月15日前完成 应急预案：已编制并演练';

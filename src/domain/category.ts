import { CATEGORIES, type Category } from './types.ts';

// Checked in order: the first sector whose words appear wins, so the narrower words come first
// (校园消防 is fire safety, not a school; 危废 before 化工).
const KEYWORDS: ReadonlyArray<readonly [Category, readonly string[]]> = [
  ['固体危险废物', ['危险废物', '危废', '固废', '固体废物', '废矿物油', '医疗废物']],
  ['煤矿', ['煤矿', '井下', '瓦斯', '采煤', '掘进', '煤层']],
  ['非煤矿山', ['非煤', '矿山', '尾矿', '采石', '露天矿', '采矿', '爆破']],
  ['消防', ['消防', '灭火器', '疏散', '安全出口', '喷淋', '烟感', '消火栓', '应急照明', '防火门', '电气线路', '私拉乱接', '电动车充电']],
  ['危化品', ['危化', '危险化学品', '化工', '储罐', '呼吸阀', '液氨', '氯气', '油库', '加油站', '加气站', '易燃易爆', '可燃气体', '反应釜']],
  ['道路交通', ['道路', '交通', '车辆', '客运', '货车', '校车', '超载', '超速', '驾驶员', '护栏', '急弯', '桥梁']],
  ['建筑施工', ['施工', '工地', '脚手架', '塔吊', '基坑', '高处作业', '临边', '模板支撑', '起重']],
  ['工业园区', ['园区', '安全距离', '重大危险源', '自动化控制', '防火防爆', '隔离']],
];

/** A category name as written (行业/类别) matched to ours, or null. */
export function matchCategory(text: string): Category | null {
  const t = text.trim();
  const exact = CATEGORIES.find((c) => c === t);
  if (exact) return exact;
  if (/危化|化学品/.test(t)) return '危化品';
  if (/危废|危险废物|固废/.test(t)) return '固体危险废物';
  if (/园区/.test(t)) return '工业园区';
  if (/非煤/.test(t)) return '非煤矿山';
  if (/煤/.test(t)) return '煤矿';
  if (/消防|火/.test(t)) return '消防';
  if (/交通|道路|运输/.test(t)) return '道路交通';
  if (/建筑|施工|住建/.test(t)) return '建筑施工';
  return null;
}

/**
 * The category of a hazard when nobody said it: the unit's sector if it names one of ours,
 * else the first sector whose words the description uses, else 其他.
 */
export function inferCategory(description: string, unitSector: string | null): Category {
  const fromSector = unitSector ? matchCategory(unitSector) : null;
  if (fromSector) return fromSector;
  for (const [category, words] of KEYWORDS) {
    if (words.some((w) => description.includes(w))) return category;
  }
  return '其他';
}

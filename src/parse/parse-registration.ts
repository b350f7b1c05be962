import { findDeadline, parseDeadlineValue } from './parse-deadline.ts';
import type { HazardLevel, LocalDate } from '../domain/types.ts';

/** The fields of a registration as written; names are not yet matched to the roster. */
export interface RegistrationFields {
  /** unit names from the roster found in the text, or the value of 单位: */
  units?: string[];
  description?: string;
  location?: string;
  level?: HazardLevel;
  category?: string;
  /** owner name as written, without the @ */
  owner?: string;
  measures?: string;
  deadline?: LocalDate;
  /** a deadline was written but could not be read */
  deadlineText?: string;
}

export type RegistrationField = 'unit' | 'description' | 'location' | 'level' | 'category' | 'owner' | 'measures' | 'deadline';

/** Keys people write in forms, longest first within each field so 隐患描述 wins over 隐患. */
const KEYS: ReadonlyArray<readonly [RegistrationField, readonly string[]]> = [
  ['unit', ['被检查单位', '责任单位', '单位名称', '企业名称', '所属单位', '单位', '企业', '场所']],
  ['description', ['隐患描述', '隐患内容', '问题描述', '存在问题', '隐患情况', '隐患', '问题', '描述', '内容']],
  ['location', ['隐患位置', '隐患部位', '位置', '地点', '部位']],
  ['level', ['隐患等级', '隐患级别', '等级', '级别']],
  ['category', ['隐患类别', '行业类别', '所属行业', '类别', '行业', '类型']],
  ['owner', ['整改责任人', '整改负责人', '责任人', '负责人']],
  ['measures', ['整改措施', '整改要求', '措施']],
  ['deadline', ['整改时限', '整改期限', '完成时限', '截止时间', '截止日期', '时限', '期限']],
];

const KEY_TO_FIELD = new Map<string, RegistrationField>(KEYS.flatMap(([field, keys]) => keys.map((k) => [k, field] as const)));
const ALL_KEYS = [...KEY_TO_FIELD.keys()].sort((a, b) => b.length - a.length);
const KEY_ALT = ALL_KEYS.join('|');
/** `key: value`, `key=value`. */
const KEYED = new RegExp(`(${KEY_ALT})\\s*[:=]\\s*`, 'g');
/** `责任人 李四`, `责任人@张三`, `等级 重大`, `单位 红星化工`: a key then one token. */
const SPACED = /(整改责任人|责任人|负责人|单位|等级|级别)(?:\s+|\s*(?=@))(@?[^\s,;。，；@]+)/;

/** `责任人张伟期限3天`: a name glued to its key, ending where another key or a non-Han char starts. */
const OWNER_GLUED = /(整改责任人|责任人|负责人)([\p{Script=Han}]{2,4}?)(?=期限|时限|限期|整改|措施|单位|等级|要求|[^\p{Script=Han}]|$)/u;
const SEPARATOR = /[\n,;。，；]+/;
const LEVEL_PHRASE = /(?:属于|为|是|系)?(重大|一般)(?:事故)?隐患|(?<![\p{Script=Han}])(重大|一般)(?![\p{Script=Han}])/u;
/** Words that only decorate a deadline: 前, 之前, 整改完毕 … */
const DEADLINE_TAIL = /^\s*(?:之前|以前|前|内|为止|止)?\s*(?:必须|务必|要求)?\s*(?:整改完毕|整改完成|完成整改|整改到位|整改|完成|到位)?\s*/;
const MENTION = /@([^\s@,;。，；:]+)/;
/** A phone number after a name: 张三(13800000000) or 张三 13800000000. */
const NAME_NOISE = /[（(].*?[)）]|\s*1\d{10}/g;

function levelOf(text: string): HazardLevel | null {
  if (/重大/.test(text)) return 'major';
  if (/一般/.test(text)) return 'general';
  return null;
}

function cleanName(raw: string): string {
  return raw.replace(/^@/, '').replace(NAME_NOISE, '').trim();
}

function trimPunct(text: string): string {
  return text.replace(/^[\s,;。，；、:：.-]+|[\s,;。，；、:：.-]+$/g, '');
}

export interface RegistrationContext {
  now: Date;
  /** every unit name in the roster */
  unitNames: readonly string[];
}

/**
 * Reads a registration in any of the shapes people write (DOMAIN.md): free text, key:value pairs,
 * multi-line forms, @mentions, Chinese dates. Pure; matching names to the roster is the caller's.
 */
export function parseRegistration(text: string, ctx: RegistrationContext): RegistrationFields {
  const fields: RegistrationFields = {};
  const free: string[] = [];

  for (const segment of splitKeyed(text)) {
    if (segment.field) assignField(fields, segment.field, segment.value, ctx);
    else if (segment.value.trim()) free.push(segment.value);
  }

  const leftovers: string[] = [];
  for (let piece of free.flatMap((f) => f.split(SEPARATOR))) {
    piece = takeSpaced(piece, fields, ctx);
    piece = takeMention(piece, fields);
    piece = takeLevel(piece, fields);
    piece = takeDeadline(piece, fields, ctx.now);
    if (trimPunct(piece)) leftovers.push(piece);
  }

  const rest = takeUnits(leftovers.join(' , '), fields, ctx.unitNames);
  const description = rest.split(/\s*,\s*/).map(trimPunct).filter(Boolean).join('，');
  if (description) fields.description = fields.description ? `${fields.description}，${description}` : description;
  return fields;
}

/** Splits the text at every `key:`; text outside keys comes back with no field. */
function splitKeyed(text: string): Array<{ field: RegistrationField | null; value: string }> {
  const out: Array<{ field: RegistrationField | null; value: string }> = [];
  const lines = text.split('\n');
  for (const line of lines) {
    const marks = [...line.matchAll(KEYED)];
    if (marks.length === 0) {
      out.push({ field: null, value: line });
      continue;
    }
    const first = marks[0];
    if (first && first.index > 0) out.push({ field: null, value: line.slice(0, first.index) });
    marks.forEach((m, i) => {
      const start = m.index + m[0].length;
      const end = marks[i + 1]?.index ?? line.length;
      const raw = line.slice(start, end);
      // a keyed value ends at the first separator; what follows is free text again
      const cut = raw.search(/[,;。，；]/);
      const value = cut === -1 ? raw : raw.slice(0, cut);
      out.push({ field: KEY_TO_FIELD.get(m[1] ?? '') ?? null, value: value.trim() });
      if (cut !== -1) out.push({ field: null, value: raw.slice(cut + 1) });
    });
  }
  return out;
}

function assignField(fields: RegistrationFields, field: RegistrationField, value: string, ctx: RegistrationContext): void {
  const v = trimPunct(value);
  if (!v) return;
  switch (field) {
    case 'unit':
      fields.units = [v];
      break;
    case 'owner':
      fields.owner = cleanName(v);
      break;
    case 'level': {
      const level = levelOf(v);
      if (level) fields.level = level;
      break;
    }
    case 'deadline': {
      const date = parseDeadlineValue(v, ctx.now) ?? findDeadline(v, ctx.now)?.date ?? null;
      if (date) {
        fields.deadline = date;
        delete fields.deadlineText;
      } else fields.deadlineText = v;
      break;
    }
    default:
      fields[field] = v;
  }
}

function takeSpaced(piece: string, fields: RegistrationFields, ctx: RegistrationContext): string {
  const m = SPACED.exec(piece) ?? OWNER_GLUED.exec(piece);
  if (!m || m[1] === undefined || m[2] === undefined) return piece;
  const field = KEY_TO_FIELD.get(m[1]);
  if (!field) return piece;
  if (field === 'unit' && !ctx.unitNames.includes(m[2])) return piece;
  assignField(fields, field, m[2], ctx);
  return piece.slice(0, m.index) + ' ' + piece.slice(m.index + m[0].length);
}

function takeMention(piece: string, fields: RegistrationFields): string {
  let rest = piece;
  for (let m = MENTION.exec(rest); m; m = MENTION.exec(rest)) {
    if (!fields.owner && m[1]) fields.owner = cleanName(m[1]);
    rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length);
  }
  return rest;
}

function takeLevel(piece: string, fields: RegistrationFields): string {
  const m = LEVEL_PHRASE.exec(piece);
  if (!m) return piece;
  fields.level ??= levelOf(m[0]) ?? undefined;
  return piece.slice(0, m.index) + ' ' + piece.slice(m.index + m[0].length);
}

function takeDeadline(piece: string, fields: RegistrationFields, now: Date): string {
  if (fields.deadline) return piece;
  const found = findDeadline(piece, now);
  if (!found) return piece;
  fields.deadline = found.date;
  delete fields.deadlineText;
  let after = piece.slice(found.index + found.text.length);
  after = after.replace(DEADLINE_TAIL, '');
  // "期限" or "限期" left dangling in front of the date
  const before = piece.slice(0, found.index).replace(/(整改时限|整改期限|时限|期限|限期|要求|请于|于|在)\s*$/, '');
  return `${before} ${after}`;
}

/**
 * Finds roster units named in the free text, longest names first so 红星化工二厂 beats 红星化工.
 * A unit standing as its own word is taken out of the description; one written into a phrase
 * (红星化工储罐区…) stays, as people read it that way.
 */
function takeUnits(text: string, fields: RegistrationFields, unitNames: readonly string[]): string {
  const found: string[] = [];
  let rest = text;
  const names = [...unitNames].sort((a, b) => b.length - a.length);
  for (const name of names) {
    const at = rest.indexOf(name);
    if (at === -1) continue;
    if (found.some((f) => f.includes(name))) continue;
    found.push(name);
    const before = rest[at - 1];
    const after = rest[at + name.length];
    const standalone = (before === undefined || /[\s,，]/.test(before)) && (after === undefined || /[\s,，]/.test(after));
    if (standalone) rest = rest.slice(0, at) + ' ' + rest.slice(at + name.length);
  }
  if (!fields.units && found.length > 0) fields.units = found;
  return rest;
}

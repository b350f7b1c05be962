import { findDeadline, parseDeadlineValue } from './parse-deadline.ts';
import { splitNumberedItems } from './numbered-items.ts';
import { findUnreadDeadline } from './unread-deadline.ts';
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
  /** a level was written that is neither 重大 nor 一般 (特别重大, 较大…): asked, never guessed */
  levelText?: string;
  /** `督办人：` as written: who follows the rectification up (not the owner) */
  supervisor?: string;
  /**
   * A numbered list (`1.… 2.… 3.…`, `一是…二是…`, `①②③`): one hazard per item, each sharing the
   * fields above (unit, owner, deadline) unless it states its own. `description` then holds the
   * items joined by `；` for callers that register one hazard.
   */
  items?: RegistrationItem[];
}

/** One item of a numbered list: its own description, and any field it states itself. */
export type RegistrationItem = Omit<RegistrationFields, 'items' | 'description'> & { description: string };

export type RegistrationField = 'unit' | 'description' | 'location' | 'level' | 'category' | 'owner' | 'supervisor' | 'measures' | 'deadline';

/** The labels officials put before the owner's name (#10 item 13), longest first. */
const OWNER_KEYS = ['整改责任人', '整改负责人', '落实责任人', '具体责任人', '责任人', '负责人', '整改人', '落实人'];
/** `督办人` follows the work up for a department or leader: recorded apart, never taken as the owner. */
const SUPERVISOR_KEYS = ['督办责任人', '督办领导', '督办人'];
const NAME_KEYS = [...OWNER_KEYS, ...SUPERVISOR_KEYS].sort((a, b) => b.length - a.length).join('|');

/** Keys people write in forms, longest first within each field so 隐患描述 wins over 隐患. */
const KEYS: ReadonlyArray<readonly [RegistrationField, readonly string[]]> = [
  ['unit', ['被检查单位', '受检单位', '责任单位', '单位名称', '企业名称', '所属单位', '单位', '企业', '场所']],
  ['description', ['隐患描述', '隐患内容', '隐患名称', '隐患问题', '问题描述', '存在问题', '主要问题', '发现问题', '检查发现', '隐患情况', '隐患', '问题', '描述', '内容']],
  ['location', ['隐患位置', '隐患部位', '隐患地点', '具体位置', '所在位置', '具体部位', '位置', '地点', '部位']],
  ['level', ['隐患等级', '隐患级别', '等级', '级别']],
  ['category', ['隐患类别', '行业类别', '所属行业', '类别', '行业', '类型']],
  ['owner', OWNER_KEYS],
  ['supervisor', SUPERVISOR_KEYS],
  ['measures', ['整改措施', '整改要求', '整改建议', '处理措施', '措施']],
  ['deadline', ['整改时限', '整改期限', '完成时限', '完成期限', '整改完成时间', '整改时间', '完成时间', '截止时间', '截止日期', '时限', '期限']],
];

const KEY_TO_FIELD = new Map<string, RegistrationField>(KEYS.flatMap(([field, keys]) => keys.map((k) => [k, field] as const)));
const ALL_KEYS = [...KEY_TO_FIELD.keys()].sort((a, b) => b.length - a.length);
/** A line that is only a label: `责任人`, `整改时限：`. */
const LABEL_ALONE = new RegExp(`^\\s*(${ALL_KEYS.join('|')})\\s*[:=]?\\s*$`);
/** A line that starts with a label, a space, then its value: `存在问题 灭火器过期`. */
const LABEL_SPACED = new RegExp(`^\\s*(${ALL_KEYS.filter((k) => k.length >= 2).join('|')})\\s+(?![:=])(\\S.*)$`);
const KEYED_AT_START = new RegExp(`^\\s*(?:${ALL_KEYS.join('|')})\\s*[:=]`);
/** `key: value`, `key=value`. */
const KEYED = new RegExp(`(${ALL_KEYS.join('|')})\\s*[:=]\\s*`, 'g');
/** A space before another field ends a keyed value early: `措施：更换呼吸阀 责任人张伟 期限3天`. */
const NEXT_FIELD = new RegExp(`\\s+(?=${NAME_KEYS}|整改时限|整改期限|完成时限|时限|期限|限期|等级|级别|@|(?:属于?|为)?(?:重大|一般)(?:事故)?隐患)`);
/** `责任人 李四`, `责任人@张三`, `等级 重大`, `单位 红星化工`: a key then one token. */
const SPACED = new RegExp(`(${NAME_KEYS}|单位|等级|级别|类别|行业)(?:\\s+|\\s*(?=@))(@?[^\\s,;。，；@]+)`);
/** `责任人张伟期限3天`, `责任人为张伟`: a name glued to its key, ending where another key or a non-Han char starts. */
const OWNER_GLUED = new RegExp(`(${NAME_KEYS})(?![员们])(?:为|是)?([\\p{Script=Han}]{2,4}?)(?=期限|时限|限期|整改|措施|单位|等级|要求|负责|督办|[^\\p{Script=Han}]|$)`, 'u');
/** `张伟负责`, `由张伟负责整改` as a clause of its own. */
const OWNER_BEFORE_KEY = /^(?:由)?([\p{Script=Han}]{2,3})(?:负责|牵头)(?:整改|落实)?$/u;
const SEPARATOR = /[\n,;。，；]+/;
const LEVEL_PHRASE =
  /(?:(?:隐患)?(?:等级|级别)(?:为|是)?\s*|属于|属|定为|列为|为|是|系)?(重大|一般)(?:事故)?隐患|(?:隐患)?(?:等级|级别)(?:为|是)?\s*(重大|一般)|(?<![\p{Script=Han}])(重大|一般)(?![\p{Script=Han}])/u;
/** A sector written as a word of its own (`实验小学 校园消防 宿舍楼消火栓无水`) is the category. */
const SECTOR = /(?<=^|\s)(危化品|危险化学品|危废|危险废物|固体危险废物|工业园区|煤矿|非煤矿山|校园消防|消防|道路交通|建筑施工)(?=\s|$)/;
/** Words that only decorate a deadline: 前, 之前, 整改完毕 … */
const DEADLINE_TAIL = /^\s*(?:之前|以前|前|内|为止|止)?\s*(?:必须|务必|要求)?\s*(?:整改完毕|整改完成|完成整改|整改到位|整改好|弄好|搞好|做好|改好|修好|处理好|处理完|弄完|搞定|换掉|整改|完成|到位)?\s*/;
/** `本周五前更换`, `12月15日前加装护栏`: what is to be done by the deadline is the measure. */
const MEASURE_AFTER_DEADLINE = /^(?:更换|维修|修复|清理|拆除|加装|安装|补齐|配齐|清除|移除|封堵|设置|张贴|配备|停用|检测|校验|送检|培训|补充|恢复)[\p{Script=Han}]{0,8}$/u;
/** A deadline key or request left dangling in front of the date: 期限, 截止日期, 请于 … */
const DEADLINE_LEAD = /(?:(?:整改|完成)?(?:时限|期限)|截止时间|截止日期|截止|限期|要求|请于|于|在|整改|完成)\s*(?:为|是|到|至)?\s*$/;
/** A clause that names a place (`东侧配电室`, `3号车间门口`): after `位置：3号车间，` it is more of the place. */
const PLACE_CLAUSE = /^[^\s,;。，；:]{1,12}(?:号|楼|层|车间|区|室|库|间|侧|门|门口|口|路|栋|仓|厂房|院|场|段|线|边|旁|东|西|南|北|附近|罐|塔|台|站|房|棚|池|坑|井|道|处)$/;
/** 尽快, 立即整改 as a clause or its last word: a deadline was meant but no date given, so the bot asks for one. */
const VAGUE_DEADLINE = /(?:^|\s)((?:要求|请|务必|必须)?(?:尽快|尽早|立即|马上|立刻|抓紧|及时)(?:整改|完成|处理|落实)?(?:到位|完毕)?)$/;
const MENTION = /@([^\s@,;。，；:]+)/;
/** A mobile number, with its label: it is for reaching the owner, never part of the hazard. */
const PHONE_NUMBER = String.raw`(?:联系电话|电话|手机)?:?\s*(?<!\d)1[3-9]\d{9}(?!\d)`;
const PHONE = new RegExp(PHONE_NUMBER, 'g');
/** A phone number or a note after a name: 张三(13800000000), 张三 13800000000, 张三(安全员). */
const NAME_NOISE = new RegExp(String.raw`[（(].*?[)）]|\s*${PHONE_NUMBER}`, 'g');
/** A keyed owner value: the name and its noise; what follows a space is free text again. */
const NAME_WITH_NOISE = new RegExp(String.raw`^@?[^\s(（@]+(?:\s*[（(][^)）]*[)）]|\s*${PHONE_NUMBER})*`);
const NOISE_AFTER_NAME = /^\s*[（(][^)）]*[)）]/;
/** `应急管理局检查发现：`, `今天暗访发现`: who found it and when, not the hazard. */
const PREAMBLE = /^[^\n,，;；:]{0,16}?(?:检查|督查|暗访|排查|巡查|抽查)[^\n,，;；:]{0,10}?(?:中|时)?发现(?:的?问题|隐患)?[:,，\s]*/;
/** Form decoration at the start of a line: `【隐患登记】`, `1.`, `一、`, `(2)`. */
const LINE_DECOR = /^\s*(?:【[^】]*】|\[[^\]]*\]|(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[.、)）](?!\d)|[（(]\d{1,2}[)）])\s*/;

/** A level value as written after its key: exactly 重大 or 一般 (隐患, 事故隐患 may follow). */
const LEVEL_VALUE = /^(重大|一般)(?:事故)?(?:隐患)?$/;
/** Grades the two-level scheme does not have (特别重大, 较大 are accident grades, not hazard levels). */
const OTHER_GRADE = /(特别重大|较大|重要)(?:事故)?隐患|(?:等级|级别)(?:为|是)\s*(特别重大|较大|重要)/;

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

/** A keyed value, or free text with `after` the keyed field it follows on the same line. */
interface Segment {
  field: RegistrationField | null;
  value: string;
  after: RegistrationField | null;
}

/** One clause of free text. */
interface Piece {
  text: string;
  readonly original: string;
  readonly segment: number;
  readonly after: RegistrationField | null;
}

/** `两个问题`, `以下隐患`, `存在如下问题`: a list's heading, not a hazard. */
const LIST_HEADING = /^(?:发现|存在|有|共有|查出|检查出)?(?:了)?(?:以下|如下|下列)?[一二两三四五六七八九十\d]*(?:个|处|项|条|方面)?(?:的)?(?:问题|隐患|情况)?(?:如下)?$/;
/** Fields written after the last item belong to the whole list: `…3.应急照明不亮，责任人张伟，12月15日前`. */
const TRAILING_SHARED = ['owner', 'deadline', 'deadlineText', 'measures', 'supervisor'] as const;

/**
 * Reads a registration in any of the shapes people write (DOMAIN.md): free text, key:value pairs,
 * multi-line forms, labels on their own lines, @mentions, Chinese dates, numbered lists of
 * several hazards (`items`). Pure; matching names to the roster is the caller's.
 */
export function parseRegistration(text: string, ctx: RegistrationContext): RegistrationFields {
  const list = splitNumberedItems(text);
  const items = list?.items.map((item) => parseOne(item, ctx)) ?? [];
  // a numbered form (`1.单位：… 2.隐患：… 3.责任人：…`) is one hazard: fewer than two items describe one
  if (!list || items.filter((item) => item.description).length < 2) return parseOne(text, ctx);
  const fields = parseOne(list.head, ctx);
  const heading = fields.description;
  delete fields.description;
  const last = items[items.length - 1];
  for (const key of TRAILING_SHARED) {
    if (last && fields[key] === undefined && last[key] !== undefined) {
      (fields as Record<string, unknown>)[key] = last[key];
      delete last[key];
    }
  }
  const withText = items.filter((item): item is RegistrationItem => Boolean(item.description));
  if (!fields.units) {
    const units = [...new Set(withText.flatMap((item) => item.units ?? []))];
    if (units.length > 0) fields.units = units;
  }
  // `红星化工储罐区：1.… 2.…`: the place every item is at
  const place = heading && trimPunct(fields.units?.reduce((h, unit) => (h.startsWith(unit) ? h.slice(unit.length) : h), heading) ?? heading);
  if (place && !LIST_HEADING.test(place)) fields.location ??= place;
  fields.items = withText;
  fields.description = withText.map((item) => item.description).join('；');
  return fields;
}

function parseOne(text: string, ctx: RegistrationContext): RegistrationFields {
  const fields: RegistrationFields = {};
  const pieces: Piece[] = [];
  let segment = 0;
  for (const line of labelledLines(dropPreamble(text, ctx.unitNames).split('\n').map((l) => l.replace(LINE_DECOR, '')))) {
    for (const seg of splitLine(line, ctx.unitNames)) {
      segment++;
      if (seg.field) assignField(fields, seg.field, seg.value, ctx);
      else for (const t of seg.value.split(SEPARATOR).filter((t) => t.trim())) pieces.push({ text: t, original: t, segment, after: seg.after });
    }
  }

  // over all the free text at once, so a marked deadline (…前, 期限…) beats an earlier plain date
  takeDeadline(pieces, fields, ctx.now);

  const leftovers: string[] = [];
  let continuing: 'description' | 'measures' | null = null;
  let current = -1;
  for (const piece of pieces) {
    if (piece.segment !== current) {
      current = piece.segment;
      continuing = piece.after === 'description' || piece.after === 'measures' ? piece.after : null;
    }
    const rest = takeInline(piece.text, fields, ctx);
    // `整改措施：立即停用塔吊，更换限位器`: a plain clause after a keyed text value is more of it
    const more = trimPunct(rest);
    if (continuing && rest === piece.original && more) {
      fields[continuing] = `${fields[continuing] ?? ''}，${more}`;
      continue;
    }
    continuing = null;
    if (more) leftovers.push(rest.replace(PHONE, ' '));
  }

  // a keyed description (隐患：红星化工储罐区…) names units as much as free text does
  const rest = takeUnits([fields.description ?? '', ...leftovers].join(' , '), fields, ctx.unitNames);
  const description = rest
    .split(/\s*,\s*/)
    .map((part) => trimPunct(part).replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('，');
  if (description) fields.description = description;
  else delete fields.description;
  return fields;
}

/**
 * Drops `应急管理局检查发现：`, `今天检查发现`; roster names said there stay when the findings
 * name no unit, so `红星化工11月30日检查时发现…` and `今天去红星化工检查发现…` still name theirs.
 */
function dropPreamble(text: string, unitNames: readonly string[]): string {
  const m = PREAMBLE.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  const named = unitNames.filter((name) => m[0].includes(name) && !unitNames.some((longer) => longer !== name && longer.includes(name) && m[0].includes(longer)));
  // `应急管理局检查发现：红星化工…`: the inspector is dropped when the findings name the unit inspected
  const inspected = unitNames.some((name) => rest.includes(name)) ? [] : named;
  return `${inspected.join(' ')} ${rest}`;
}

/**
 * Forms typed line by line put a label on a line of its own (`责任人` / `张伟`) or before its value
 * with a space instead of a colon (`存在问题 灭火器过期`): both become `key:value`.
 */
function labelledLines(lines: string[]): string[] {
  if (lines.length < 2) return lines;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const alone = LABEL_ALONE.exec(line);
    const next = lines[i + 1];
    if (alone?.[1] && next !== undefined && next.trim() && !LABEL_ALONE.test(next) && !KEYED_AT_START.test(next)) {
      out.push(`${alone[1]}:${next.trim()}`);
      i++;
      continue;
    }
    const spaced = LABEL_SPACED.exec(line);
    out.push(spaced?.[1] && spaced[2] ? `${spaced[1]}:${spaced[2]}` : line);
  }
  return out;
}

/** Splits a line at every `key:`; the text outside values comes back with no field. */
function splitLine(line: string, unitNames: readonly string[]): Segment[] {
  const marks = [...line.matchAll(KEYED)];
  const head = line.slice(0, marks[0]?.index ?? line.length);
  const out: Segment[] = [];
  if (head.trim()) out.push({ field: null, value: head, after: null });
  marks.forEach((m, i) => {
    const field = KEY_TO_FIELD.get(m[1] ?? '');
    if (!field) return;
    const raw = line.slice(m.index + m[0].length, marks[i + 1]?.index ?? line.length);
    const end = valueEnd(field, raw, unitNames);
    out.push({ field, value: raw.slice(0, end), after: null });
    if (raw.slice(end).trim()) out.push({ field: null, value: raw.slice(end), after: field });
  });
  return out;
}

/** Where a keyed value ends: at the first separator, and for names and levels at the first space. */
function valueEnd(field: RegistrationField, raw: string, unitNames: readonly string[]): number {
  let cut = raw.search(/[,;。，；]/);
  // `位置：3号车间，东侧配电室，问题：…`: a place runs on over commas while the clauses name places
  while (field === 'location' && cut !== -1 && /[,，]/.test(raw[cut] ?? '')) {
    const next = raw.slice(cut + 1).search(/[,;。，；]/);
    const clause = raw.slice(cut + 1, next === -1 ? raw.length : cut + 1 + next).trim();
    if (!PLACE_CLAUSE.test(clause)) break;
    cut = next === -1 ? -1 : cut + 1 + next;
  }
  const value = cut === -1 ? raw : raw.slice(0, cut);
  switch (field) {
    case 'owner':
    case 'supervisor':
      return NAME_WITH_NOISE.exec(value)?.[0].length ?? value.length;
    case 'unit': {
      // `单位：城关镇 实验小学 消防通道被占用`: further roster names belong to the value, the rest is free text
      let end = value.search(/\s|$/);
      for (let m = /^\s+(\S+)/.exec(value.slice(end)); m && unitNames.includes(m[1] ?? ''); m = /^\s+(\S+)/.exec(value.slice(end))) {
        end += m[0].length;
      }
      return end;
    }
    case 'level':
    case 'category':
      return value.search(/\s|$/);
    default: {
      const next = value.search(NEXT_FIELD);
      return next === -1 ? value.length : next;
    }
  }
}

function assignField(fields: RegistrationFields, field: RegistrationField, value: string, ctx: RegistrationContext): void {
  const v = trimPunct(value);
  if (!v) return;
  switch (field) {
    case 'unit':
      fields.units = v.split(/\s+/);
      break;
    case 'owner':
    case 'supervisor':
      fields[field] = cleanName(v);
      break;
    case 'level': {
      const written = LEVEL_VALUE.exec(v);
      if (written) {
        fields.level = levelOf(v) ?? undefined;
        delete fields.levelText;
      } else fields.levelText = v;
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

/** Takes the fields written inline in one clause; returns what is left of it. */
function takeInline(piece: string, fields: RegistrationFields, ctx: RegistrationContext): string {
  let rest = takeSpaced(piece, fields, ctx);
  rest = takeMention(rest, fields);
  rest = takeLevel(rest, fields);
  rest = takeSector(rest, fields);
  const clause = trimPunct(rest);
  const by = OWNER_BEFORE_KEY.exec(clause);
  if (by?.[1] && !fields.owner) {
    fields.owner = by[1];
    return '';
  }
  const vague = VAGUE_DEADLINE.exec(clause);
  if (vague?.[1] && !fields.deadline) {
    fields.deadlineText ??= vague[1];
    return clause.slice(0, vague.index);
  }
  return rest;
}

function takeSpaced(piece: string, fields: RegistrationFields, ctx: RegistrationContext): string {
  let rest = piece;
  for (;;) {
    const m = SPACED.exec(rest) ?? OWNER_GLUED.exec(rest);
    if (!m || m[1] === undefined || m[2] === undefined) return rest;
    const field = KEY_TO_FIELD.get(m[1]);
    if (!field || (field === 'unit' && !ctx.unitNames.includes(m[2]))) return rest;
    assignField(fields, field, m[2], ctx);
    let after = rest.slice(m.index + m[0].length);
    if (field === 'owner') after = after.replace(NOISE_AFTER_NAME, '');
    rest = `${rest.slice(0, m.index)} ${after}`;
  }
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
  const other = OTHER_GRADE.exec(piece);
  if (other && !fields.level) {
    // 特别重大隐患 holds 重大隐患: read as 重大 it would be recorded on a guess
    fields.levelText ??= other[1] ?? other[2];
    return piece.slice(0, other.index) + ' ' + piece.slice(other.index + other[0].length);
  }
  const m = LEVEL_PHRASE.exec(piece);
  if (!m) return piece;
  fields.level ??= levelOf(m[0]) ?? undefined;
  return piece.slice(0, m.index) + ' ' + piece.slice(m.index + m[0].length);
}

function takeSector(piece: string, fields: RegistrationFields): string {
  const m = SECTOR.exec(piece);
  if (!m || fields.category) return piece;
  fields.category = m[0];
  return piece.slice(0, m.index) + ' ' + piece.slice(m.index + m[0].length);
}

function takeDeadline(pieces: Piece[], fields: RegistrationFields, now: Date): void {
  if (fields.deadline) return;
  const all = pieces.map((p) => p.text).join('\n');
  const found = findDeadline(all, now);
  if (found) {
    const piece = cutFromPieces(pieces, found.index, found.text.length);
    fields.deadline = found.date;
    delete fields.deadlineText;
    const measure = piece && MEASURE_AFTER_DEADLINE.exec(piece.after.trim());
    if (piece && measure && !fields.measures) {
      fields.measures = measure[0];
      piece.piece.text = piece.piece.text.slice(0, piece.piece.text.length - piece.after.length);
    }
    return;
  }
  // written but not understood (`元宵节后`, `-3天内`): quoted back, never asked for as if missing
  const unread = fields.deadlineText ? null : findUnreadDeadline(all);
  if (unread) {
    cutFromPieces(pieces, unread.index, unread.text.length);
    fields.deadlineText = unread.text;
  }
}

/**
 * Takes a deadline phrase (found in the pieces joined by \n) out of its piece, with its lead and
 * tail words; returns the piece and what followed the phrase in it.
 */
function cutFromPieces(pieces: Piece[], index: number, length: number): { piece: Piece; after: string } | null {
  let start = 0;
  for (const piece of pieces) {
    const at = index - start;
    start += piece.text.length + 1;
    if (at < 0 || at >= piece.text.length) continue;
    const before = piece.text.slice(0, at).replace(DEADLINE_LEAD, '');
    const after = piece.text.slice(at + length).replace(DEADLINE_TAIL, '');
    piece.text = `${before} ${after}`;
    return { piece, after };
  }
  return null;
}

/** Each unit list sorted longest name first, kept per list: the roster hands out the same list until a unit is added. */
const sortedUnitNames = new WeakMap<readonly string[], readonly string[]>();

function longestFirst(unitNames: readonly string[]): readonly string[] {
  let sorted = sortedUnitNames.get(unitNames);
  if (!sorted) {
    sorted = [...unitNames].sort((a, b) => b.length - a.length);
    sortedUnitNames.set(unitNames, sorted);
  }
  return sorted;
}

/**
 * Finds roster units named in the free text, longest names first so 红星化工二厂 beats 红星化工,
 * listed in the order written. A unit standing as its own word is taken out of the description;
 * one written into a phrase (红星化工储罐区…) stays, as people read it that way.
 */
function takeUnits(text: string, fields: RegistrationFields, unitNames: readonly string[]): string {
  const found: Array<{ name: string; at: number }> = [];
  let rest = text;
  const names = longestFirst(unitNames);
  for (const name of names) {
    const at = rest.indexOf(name);
    if (at === -1) continue;
    if (found.some((f) => f.name.includes(name))) continue;
    found.push({ name, at: text.indexOf(name) });
    const before = rest[at - 1];
    const after = rest[at + name.length];
    const standalone = (before === undefined || /[\s,，、]/.test(before)) && (after === undefined || /[\s,，、:]/.test(after));
    if (standalone) rest = rest.slice(0, at) + ' '.repeat(name.length) + rest.slice(at + name.length);
  }
  if (!fields.units && found.length > 0) fields.units = found.sort((a, b) => a.at - b.at).map((f) => f.name);
  return rest;
}

import { afterDuration, findDeadline } from './parse-deadline.ts';
import { findUnreadDeadline } from './unread-deadline.ts';
import type { LocalDate } from '../domain/types.ts';

/** `延期15天`, `再延长一周`: a length added to the current deadline. */
export interface ExtensionLength {
  amount: number;
  /** as written: 天, 个工作日, 周, 个月 … */
  unit: string;
  /** the phrase as written */
  text: string;
}

export interface ExtensionRequest {
  to: LocalDate | null;
  reason: string;
  /** no date but a length (`延期15天`): the new deadline is the current one plus this */
  by?: ExtensionLength;
  /** a new date was written but not understood (`延期到节后`): say so, quoting it */
  toText?: string;
}

/** `到2月30日`, `至12月32日` right after the keyword: a date that does not exist, quoted back. */
const TO_UNREAD = /^(\s*(?:到|至)\s*)([^\s,，。；;!！?？]{1,12})/;

function unreadAfterTo(text: string): { text: string; index: number } | null {
  const m = TO_UNREAD.exec(text);
  // `到货延迟` is the reason, not a date
  if (!m?.[1] || !m[2] || !/[\d零〇一二两三四五六七八九十]\s*[月日号]/.test(m[2])) return null;
  return { text: m[2], index: m[1].length };
}

/** `延期0天`, `延期-5天`: a length read by neither LENGTH (nothing to add) nor as a date. */
function noLength(text: string): { text: string; index: number } | null {
  const m = NO_LENGTH.exec(text);
  return m?.[1] !== undefined && m[2] ? { text: m[2], index: m[1].length } : null;
}

/** `申请延期到`, `需延期至`, `延长至`: the words that lead up to the new date. */
const TO_DATE = /(?:(?:需要?|要|申请|拟|想)\s*)?(?:(?:延期|延长|推迟|顺延)\s*)?(?:到|至|为)?\s*$/;
/** `原因：`, `理由是`, `因为`, `由于` at the start of a clause label the reason; `天气原因` is the reason itself. */
const REASON_LABEL = /(^|[\s,，;；。])(?:(?:延期)?(?:原因|理由)(?:是|为)?\s*[:=]?|因为|由于)\s*/g;
const EDGE_PUNCT = /^[\s,;。，；:=]+|[\s,;。，；:=]+$/g;
const CN = '[零〇一二两三四五六七八九十]';
/**
 * `15天`, `延期十五天`, `需再延长一周`, `宽限5个工作日` at the start (the keyword already taken by
 * the router, or still there): a length, not a date. `15天内` is a date counted from today.
 */
const LENGTH = new RegExp(
  `^(?:(?:需要|需|要|再|申请|延期|延长|推迟|顺延|宽限|给予?|予)\\s*)*(\\d{1,3}|${CN}{1,3}|半)\\s*(个?(?:工作日|天|日|周|星期|礼拜)|个月)(?![之以]?内|后|前|\\d)`,
);
/** `0天`, `-5天` right after the keyword: a length that adds nothing, quoted back. */
const NO_LENGTH = new RegExp(`^(\\s*)((?:[-−负]\\s*)?(?:\\d{1,3}|${CN}{1,3})\\s*(?:个?(?:工作日|天|日|周|星期|礼拜)|个月))(?![之以]?内|后|前|\\d)`);

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function lengthNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const [tens, ones, extra] = s.split('十');
  if (extra !== undefined) return null;
  const digit = (c: string | undefined, empty: number): number => (c ? (CN_DIGIT[c] ?? NaN) : empty);
  const n = ones === undefined ? digit(tens, NaN) : digit(tens, 1) * 10 + digit(ones, 0);
  return Number.isNaN(n) ? null : n;
}

/** `@张伟` alone says whom, not why: a reason of mentions only is no reason. */
const ONLY_MENTIONS = /^(?:\s*@\S+)+\s*$/;

function cleanReason(text: string): string {
  const reason = text
    .replace(REASON_LABEL, '$1')
    .replace(/\s+([，,；;。])/g, '$1')
    .replace(EDGE_PUNCT, '')
    .replace(/\s{2,}/g, ' ');
  return ONLY_MENTIONS.test(reason) ? '' : reason;
}

/** `到12月30日 原因：配件未到货`, `延期至下月底，配件未到货`, `15天 配件未到货`: the new date (or length) and why. */
export function parseExtension(text: string, now: Date): ExtensionRequest {
  const length = LENGTH.exec(text.trim());
  if (length?.[1] && length[2]) {
    const half = length[1] === '半';
    const amount = half ? (length[2] === '个月' ? 15 : null) : lengthNumber(length[1]);
    if (amount !== null && amount > 0) {
      const unit = half ? '天' : length[2];
      return { to: null, reason: cleanReason(text.trim().slice(length[0].length)), by: { amount, unit, text: length[0] } };
    }
  }
  const found = findDeadline(text, now);
  let rest = text;
  let toText: string | undefined;
  if (found) rest = text.slice(0, found.index).replace(TO_DATE, '') + ' ' + text.slice(found.index + found.text.length);
  else {
    const unread = findUnreadDeadline(text) ?? unreadAfterTo(text) ?? noLength(text);
    // a phrase that is neither a date nor labelled as one (`春节停工`) is the reason, and stays
    if (unread) {
      toText = unread.text;
      rest = text.slice(0, unread.index).replace(TO_DATE, '') + ' ' + text.slice(unread.index + unread.text.length);
    }
  }
  const request: ExtensionRequest = { to: found?.date ?? null, reason: cleanReason(rest) };
  if (toText) request.toText = toText;
  return request;
}

/** The deadline after an extension by a length: `延期15天` from 12月20日 is 1月4日. */
export function extendedDeadline(current: LocalDate, by: ExtensionLength): LocalDate {
  return afterDuration(current, by.amount, by.unit);
}

/** The free-text reason after a keyword: `驳回 呼吸阀型号不符`, `驳回，原因：…`. */
export function parseReason(text: string): string {
  const reason = text
    .replace(EDGE_PUNCT, '')
    .replace(/^(?:原因|理由|意见)(?:是|为)?\s*[:=]?\s*/, '')
    .replace(EDGE_PUNCT, '')
    .trim();
  return ONLY_MENTIONS.test(reason) ? '' : reason;
}

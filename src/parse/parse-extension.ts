import { findDeadline } from './parse-deadline.ts';
import type { LocalDate } from '../domain/types.ts';

export interface ExtensionRequest {
  to: LocalDate | null;
  reason: string;
}

/** `申请延期到`, `需延期至`, `延长至`: the words that lead up to the new date. */
const TO_DATE = /(?:(?:需要?|要|申请)?(?:延期|延长|推迟|顺延))?\s*(?:到|至|为)?\s*$/;
/** `原因：`, `理由是`, `因为`, `由于` at the start of a clause label the reason; `天气原因` is the reason itself. */
const REASON_LABEL = /(^|[\s,，;；。])(?:(?:延期)?(?:原因|理由)(?:是|为)?\s*[:=]?|因为|由于)\s*/g;
const EDGE_PUNCT = /^[\s,;。，；:=]+|[\s,;。，；:=]+$/g;

/** `到12月30日 原因：配件未到货`, `延期至下月底，配件未到货`: the new date and why. */
export function parseExtension(text: string, now: Date): ExtensionRequest {
  const found = findDeadline(text, now);
  let rest = text;
  if (found) rest = text.slice(0, found.index).replace(TO_DATE, '') + ' ' + text.slice(found.index + found.text.length);
  rest = rest
    .replace(REASON_LABEL, '$1')
    .replace(/\s+([，,；;。])/g, '$1')
    .replace(EDGE_PUNCT, '')
    .replace(/\s{2,}/g, ' ');
  return { to: found?.date ?? null, reason: rest };
}

/** The free-text reason after a keyword: `驳回 呼吸阀型号不符`, `驳回，原因：…`. */
export function parseReason(text: string): string {
  return text
    .replace(EDGE_PUNCT, '')
    .replace(/^(?:原因|理由|意见)(?:是|为)?\s*[:=]?\s*/, '')
    .replace(EDGE_PUNCT, '')
    .trim();
}

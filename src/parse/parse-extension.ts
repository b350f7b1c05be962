import { findDeadline } from './parse-deadline.ts';
import type { LocalDate } from '../domain/types.ts';

export interface ExtensionRequest {
  to: LocalDate | null;
  reason: string;
}

/** `到12月30日 原因：配件未到货`, `延期至下月底，配件未到货`: the new date and why. */
export function parseExtension(text: string, now: Date): ExtensionRequest {
  const found = findDeadline(text, now);
  let rest = text;
  if (found) rest = text.slice(0, found.index).replace(/(到|至|为)\s*$/, '') + ' ' + text.slice(found.index + found.text.length);
  rest = rest
    .replace(/(延期)?(原因|理由|因为|由于)\s*[:=]?\s*/g, ' ')
    .replace(/^[\s,;。，；:=]+|[\s,;。，；:=]+$/g, '')
    .replace(/\s{2,}/g, ' ');
  return { to: found?.date ?? null, reason: rest };
}

/** The free-text reason after a keyword: `驳回 呼吸阀型号不符`, `驳回，原因：…`. */
export function parseReason(text: string): string {
  return text.replace(/^(原因|理由|意见)\s*[:=]?\s*/, '').replace(/^[\s,;。，；:=]+|[\s,;。，；:=]+$/g, '').trim();
}

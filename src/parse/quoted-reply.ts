import { findHazardCodes } from './normalize.ts';

/** A quote-reply taken apart: what was written, and the one hazard the quoted message names. */
export interface QuotedReply {
  /** the words written under the quote */
  reply: string;
  /** the code the quoted message names, when it names exactly one; else null */
  quotedCode: string | null;
}

/**
 * WeChat's quote-reply (引用) as one text: `「王建国：已登记 YH-0001 …」`, a line of spaced
 * dashes, then the reply. The quoted message may itself hold 「」, so the quote ends at the first
 * dash line.
 */
const QUOTE_REPLY = /^「([\s\S]*?)」[ \t]*\n[ \t]*(?:-[ \t]*){6,}\n([\s\S]*)$/;

/**
 * Splits a quote-reply so only the reply is read as the message (a quoted notice is no command
 * of the sender's), keeping the code of the quoted message: replying `整改完成` to the bot's
 * `已登记 YH-0001` names that hazard as surely as writing it. Null for a text that quotes nothing.
 */
export function readQuotedReply(text: string): QuotedReply | null {
  const m = QUOTE_REPLY.exec(text);
  if (!m) return null;
  const codes = findHazardCodes(m[1] ?? '');
  return { reply: (m[2] ?? '').trim(), quotedCode: codes.length === 1 ? (codes[0]?.code ?? null) : null };
}

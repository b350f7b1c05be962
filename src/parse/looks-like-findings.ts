/**
 * `今天去红星化工检查发现两个问题一是…二是…`, `昨天暗访蓝天物流，发现：1.… 2.…`: an inspection
 * report written as prose, meant as a registration though it has no keyword.
 */
const FOUND = /(?:检查|督查|暗访|排查|巡查|抽查|检查中|检查时|现场查看)[^。？?\n]{0,6}?发现(?:了)?/;
/** What was found follows: a count (`两个问题`), `以下问题`, a colon, or the problem itself. */
const CONTENT_AFTER = /^(?!的)(?:[一二两三四五六七八九十\d]+\s*(?:个|处|项|条|方面)?|以下|如下|存在)?\s*(?:的)?\s*(?:问题|隐患)?\s*[:：,，\s]*(\S.{3,})/s;
/** Talk about findings rather than findings: questions, reports of work done, plans. */
const NOT_FINDINGS = /[?？]\s*$|吗\s*$|整理|汇总|(?:已经?|都|均)(?:整改|改|处理)|已完成|改好了|明天再|回头|发群里|开会/;

/** Whether a message without a keyword reads as inspection findings to register. */
export function looksLikeFindings(text: string): boolean {
  const m = FOUND.exec(text);
  if (!m) return false;
  if (NOT_FINDINGS.test(text)) return false;
  return CONTENT_AFTER.test(text.slice(m.index + m[0].length));
}

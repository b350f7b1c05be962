/** A deadline phrase that was written but could not be read, and where it stands. */
export interface UnreadDeadline {
  /** the phrase as written: `元宵节后`, `-3天内`, `尽快` */
  text: string;
  index: number;
}

/** A labelled deadline: whatever follows the label is the deadline as the writer meant it. */
const LABELLED =
  /(?:整改时限|整改期限|完成时限|完成期限|截止时间|截止日期|期限|时限|限期|截止到?|截至|(?:延期|延长|推迟|顺延)(?:到|至))[\s:：]*(?:为|是|到|至)?[\s:：]*([^\s,，。；;!！?？]{1,12})/g;
/** Words that end a deadline phrase: `…前`, `…内`, `…为止`, and `…后` (`节后一周`, `年后`). */
const ENDS = /(?:之前|以前|前|之内|以内|内|为止|之后|以后|后)/g;
/** A phrase is a deadline only if it ends in a word of time (`元宵节`, `下下月初`, `周五`, `-3天`). */
const TIME_WORD = /(?:[节年月周日号天底末旬时钟点初\d]|(?:星期|礼拜|周)[一二三四五六日天])$/;
/** `3天前`, `两年前` say when something happened, not a deadline (`3天后` may well be one). */
const AGO = /^[\d零〇一二两三四五六七八九十几多半]+个?(?:年|月|周|星期|天|日|小时|钟头|分钟)(?:之前|以前|前)$/;
/** Words before a phrase that are not part of it (`要求元宵节前`, `须在节后`). */
const LEAD_WORD = /(?:要求|务必|必须|请于|请在|请|须在|须|需在|需|应在|应|并|在|于|整改|完成|的|限|争取|力争|确保)$/;
const LEADING = /^(?:要求|务必|必须|请于|请在|请|须在|须|需在|需|应在|应|争取|力争|确保|在|于|到|至)/;
const SEPARATOR = /[\s,，。；;:：、!！?？()（）【】\[\]]/;
/** Clause words that show 前/后 is about order, not time: `整改前`, `检查后`, `之后再`. */
const NOT_TIME = /^(?:整改|检查|验收|施工|作业|动火|上岗|使用|复查|处理|日|目|当|此|之|以|眼|先|提|事|节日|假日|平日|每日|每天|当天|当日|同日)$/;

/**
 * Finds a deadline the writer gave but {@link findDeadline} could not read, so the reply can say
 * so (`没看懂「元宵节后」这个时限`) instead of asking as if none was written. Call it only when
 * no deadline was found. A labelled value (`期限：尽快`, `延期到节后`) counts whatever it is; an
 * unlabelled phrase counts when it ends in 前/内/后/为止 and speaks of time (节, 月, 周, 天…).
 */
export function findUnreadDeadline(text: string): UnreadDeadline | null {
  const labelled = [...text.matchAll(LABELLED)][0];
  if (labelled?.[1] !== undefined) return { text: labelled[1], index: (labelled.index ?? 0) + labelled[0].length - labelled[1].length };
  for (const end of text.matchAll(ENDS)) {
    const stop = end.index ?? 0;
    let start = stop;
    while (start > 0 && stop - start < 10 && !SEPARATOR.test(text[start - 1] ?? '')) start--;
    let phrase = text.slice(start, stop);
    // drop the words that lead up to the phrase: `要求元宵节` → `元宵节`
    for (let m = LEADING.exec(phrase); m; m = LEADING.exec(phrase)) {
      phrase = phrase.slice(m[0].length);
      start += m[0].length;
    }
    if (!phrase || LEAD_WORD.test(phrase) || NOT_TIME.test(phrase)) continue;
    const whole = phrase + end[0];
    if (!TIME_WORD.test(phrase) || AGO.test(whole)) continue;
    return { text: whole, index: start };
  }
  return null;
}

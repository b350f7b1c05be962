/**
 * What a message the bot sent said about one hazard, in a few words, for the 责任链 record:
 * `今日提醒·升级到县领导`, `重大隐患逾期`, or the start of the line that names the hazard. Our own
 * messages open with 【title】 and number their sections `一、…`; that is all this reads. Pure.
 */
export function noticeSubject(text: string, code: string, max = 24): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(code));
  const title = /^(?:【补发】)?【([^】]+)】/.exec(lines[0] ?? '')?.[1];
  if (title) {
    for (let i = at; i > 0; i--) {
      const section = /^[一二三四五六七八九十]+、(.+?)\s*\d+\s*项/.exec(lines[i] ?? '')?.[1];
      if (section) return `${title}·${section}`;
    }
    return title;
  }
  // the code itself says nothing here: `YH-0012【挂牌督办】已列入…` → 挂牌督办
  const whole = (lines[at] ?? lines[0] ?? '').trim();
  const line = whole.startsWith(code) ? whole.slice(code.length).trim() : whole;
  const tagged = /^【([^】]+)】/.exec(line)?.[1];
  if (tagged) return tagged;
  const chars = Array.from(line);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}

/**
 * Of the people a message @-mentioned, those it mentioned about this hazard: the ones its line
 * names (责任人 张伟, 分管 刘县长, 报主要领导 郑书记). One morning message @s every leader of every item
 * on it; the record of one hazard should not say the others were told about it. A message whose
 * line names none of them (a short notice) keeps them all.
 */
export function mentionedAbout(text: string, code: string, names: readonly string[]): string[] {
  const line = text.split('\n').find((l) => l.includes(code));
  if (line === undefined) return [...names];
  const named = names.filter((n) => line.includes(n));
  return named.length > 0 ? named : [...names];
}

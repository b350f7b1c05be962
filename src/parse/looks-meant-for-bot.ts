import { looksLikeFindings } from './looks-like-findings.ts';
import { findHazardCodes } from './normalize.ts';
import { routeMessage, type Routable } from './route.ts';

/** Why a message looks meant for the bot, or `chat` when it does not. */
export type Addressed = 'mention' | 'command' | 'code' | 'unit' | 'ledger' | 'findings' | 'chat';

export interface MeantForBot {
  meant: boolean;
  why: Addressed;
}

export interface AddressOptions {
  /** the platform says the bot was @mentioned */
  mentionsBot?: boolean;
  /** the bot's names as people @ it in text (`@隐患清零`, `@小安`) */
  botNames?: readonly string[];
  /** the commands: a message one of them routes (`帮助`, `排名`, `0010进度20%`) is meant */
  commands?: readonly Routable[];
  /** the roster's units: a unit's name alone (`红星化工`, `红星化工？`) asks about it */
  unitNames?: readonly string[];
}

/** The ledger's words (#10 "The rule"): a message using one is about the ledger. */
const LEDGER_WORD =
  /登记|隐患|进度|进展|整改|验收|销号|延期|督办|挂牌|台账|逾期|超期|驳回|复查|反弹|时限|期限|责任人|完成了?\s*\d|\d+\s*[%％]|百分之|[一二三四五六七八九]成(?![员功本为立])/;
/** Acknowledgements and courtesies: what people say to each other, never a request. */
const COURTESY =
  /^(?:[,，。.!！~～\s]|收到|好的?|好滴|嗯+|哦+|ok|OK|Ok|明白|了解|知道了?|谢谢|感谢|多谢|辛苦了?|您?辛苦|了|啦|呀|哈+|马上(?:处理|办|改)?|立即(?:处理|办)|在办|在弄|这就去|👍|🙏|\[(?:强|抱拳|OK|握手|玫瑰|微笑)\])*$/;
/** Talk about the work among people: deferrals, meetings, exhortations, notices to everyone. */
const AMONG_PEOPLE =
  /明天(?:再)?说|回头(?:再)?说|再说吧|晚点(?:再)?说|开会|会议|会上|召开|参加|通知如下|各单位|各乡镇|各部门|大家|高度重视|切实|压实|抓好|认真落实|严禁|坚决|务必做好|注意安全|请假|吃饭|下班|在路上|到了吗|几点/;
/** A question or report addressed to someone: these override AMONG_PEOPLE when a code is named. */
const ASKS = /[?？]|吗$|呢$|多少|几个|哪些|有没有|怎么样|咋样/;

/**
 * Tells apart a message meant for the bot from everyday chat, so a meant message is never left in
 * silence (#10 "The rule"). Meant: it @mentions the bot, names a hazard code (unless all it adds is
 * `收到`/`好的`), reads as inspection findings, or uses the ledger's words (登记/隐患/进度/整改/验收/
 * 销号/延期/督办 …) other than in talk among people (`延期的事明天说`, `各单位要高度重视隐患整改`), or is
 * a unit's name alone (`红星化工`), or a command routes it (with `commands`). `收到`, `好的`,
 * `辛苦了` are chat. Pure: the caller passes what the platform knows.
 */
export function looksMeantForBot(text: string, options: AddressOptions = {}): MeantForBot {
  const t = text.trim();
  if (options.mentionsBot || (options.botNames ?? []).some((name) => name && t.includes(`@${name}`))) return { meant: true, why: 'mention' };
  if (t === '') return { meant: false, why: 'chat' };
  if (options.commands && routeMessage(t, options.commands)) return { meant: true, why: 'command' };
  const bare = t.replace(/[?？。.!！\s]+$/, '');
  if (options.unitNames?.includes(bare)) return { meant: true, why: 'unit' };
  const codes = findHazardCodes(t);
  if (codes.length > 0) {
    let rest = t;
    for (const c of [...codes].reverse()) rest = rest.slice(0, c.index) + rest.slice(c.index + c.length);
    rest = rest.replace(/[、,，和及与]/g, ' ').trim();
    // `YH-0012` alone asks about it; `YH-0012 收到` only acknowledges
    return rest === '' || !COURTESY.test(rest) ? { meant: true, why: 'code' } : { meant: false, why: 'chat' };
  }
  if (COURTESY.test(t)) return { meant: false, why: 'chat' };
  if (looksLikeFindings(t)) return { meant: true, why: 'findings' };
  if (LEDGER_WORD.test(t) && (!AMONG_PEOPLE.test(t) || (ASKS.test(t) && !/各单位|大家|开会|会议/.test(t)))) return { meant: true, why: 'ledger' };
  return { meant: false, why: 'chat' };
}

import type { AnyoneContext, Command, CommandContext, ProcessFacts, RawArgs } from '../features/command.ts';
import type { AppConfig } from '../core/config.ts';
import { withEvidence } from '../features/evidence-store.ts';
import { attachFollowUpEvidence } from './follow-up-evidence.ts';
import { importSentWorkbook } from '../features/import-sent-workbook.ts';
import type { Logger } from '../core/logger.ts';
import { answerLedgerQuestion } from './answer-ledger-question.ts';
import { closestCommand } from './closest-command.ts';
import { mentionedPeopleNames } from './resolve-mentions.ts';
import { askWhichHazard, takePickedCode } from './pick-code.ts';
import { runForEachCode } from './run-for-each-code.ts';
import { actingAs, recordNameGuess, resolveParticipants, type Participants, type SenderResolution } from '../features/resolve-participants.ts';
import type { SerialQueue } from '../core/serial-queue.ts';
import type { IncomingMessage, OutgoingMessage } from '../core/messages.ts';
import { isTransient, type Db } from '../db/database.ts';
import { inTransaction, type Store } from '../db/store.ts';
import { localDate } from '../domain/calendar.ts';
import type { Group, Person } from '../domain/types.ts';
import { clipLines, LONG_REPLY_BYTES, neutralize } from '../i18n/fit.ts';
import { zh } from '../i18n/zh-CN.ts';
import { normalizeText } from '../parse/normalize.ts';
import { parseLedgerQuestion } from '../parse/parse-ledger-question.ts';
import { looksMeantForBot, type Addressed } from '../parse/looks-meant-for-bot.ts';
import { parseProgress } from '../parse/parse-progress.ts';
import { readQuotedReply } from '../parse/quoted-reply.ts';
import { routeMessage } from '../parse/route.ts';

export interface PipelineDeps {
  db: Db;
  config: AppConfig;
  commands: readonly Command[];
  /** what a message that is only a hazard code runs */
  bareCode: Command;
  queue: SerialQueue;
  log: Logger;
  /** this process as 运行状态 shows it */
  runtime?: () => ProcessFacts;
}

/** Messages past this length are cut before parsing: no registration is that long. */
const MAX_TEXT = 4000;

/** What the pipeline learned about a message before its command ran. */
interface Turn {
  message: IncomingMessage;
  store: Store;
  text: string;
  group: Group | null;
  /** the sender as they act (a name-only binding acts as a contact); null when not proven */
  sender: Person | null;
  /** who the bot could prove the sender to be, and if not, why */
  resolution: SenderResolution;
  /** set once the message is known to be meant for the bot (`meantForBot`): then errors are answered */
  addressed: boolean;
  /** who and where as resolved, with a display-name guess not yet recorded */
  participants: Participants | null;
  /** the bot was @-mentioned or spoken to in private: it answers whatever was said */
  calledByName: boolean;
  /** a WeChat quote-reply's quoted message named this one hazard */
  quotedCode: string | null;
  /** the length of a message past MAX_TEXT (it was cut there), else 0 */
  overLength: number;
}

/** `收到`, `好的`, `谢谢`, `辛苦了`: everyday chat, answered by no one even when the bot is mentioned. */
const ACKNOWLEDGEMENT = /^(?:收到|好的?|好滴|嗯+|ok|OK|谢谢|感谢|多谢|辛苦了?|辛苦辛苦|明白|了解|知道了|👍|[。.!！~～]+)[了啦哈的。.!！~～\s]*$/u;
/** The progress command: a report without a code is asked about on its behalf. */
const PROGRESS_COMMAND = '进度';
/** The query command: a question about the work without a code is asked which hazard, then runs it. */
const QUERY_COMMAND = '查询';
/** `整改完了吗`, `验收了没有`, `进度怎么样`: a question, not a report. */
const QUESTION = /[?？]|[吗呢么嘛]$|没有?$|怎么样|咋样|如何|多少|几个|哪些|有没有|是否/;
/** Words that make a number a progress figure: `进度80%`, `完成了一半`, `百分之七十`. */
const PROGRESS_WORDS = /进度|进展|完成|[%％]|百分之|成/;

/** `呼吸阀已经换好了，进度80%`: a progress figure in a message that is not a question. */
function looksLikeProgressReport(text: string): boolean {
  const { percent } = parseProgress(text);
  return percent !== null && percent >= 0 && percent <= 100 && PROGRESS_WORDS.test(text) && !/[?？]|吗$|呢$/.test(text.trim());
}

/** `@隐患清零 …` typed where the platform does not mark mentions (console, transcripts). */
const CALLED = /^@隐患清零[\s\u2005]*/;

/**
 * The last guard before the outbox: no forged @所有人, and no reply past a long reply's length
 * (the dispatcher sends a long one whole, in numbered parts that each fit the platform). The
 * texts in zh-CN.ts stay within it on their own; a cut here is logged as a bug.
 */
function sendable(deps: PipelineDeps, text: string): string {
  const safe = neutralize(text);
  const fitted = clipLines(safe, LONG_REPLY_BYTES);
  if (fitted !== safe) deps.log.warn({ bytes: Buffer.byteLength(safe) }, 'reply cut to the longest reply');
  return fitted;
}

function makeContext(deps: PipelineDeps, turn: Turn & { sender: Person }, attachments: CommandContext['attachments']): CommandContext {
  return makeAnyoneContext(deps, turn, attachments) as CommandContext;
}

/**
 * Where a reply goes: the group, else the sender's private chat — a roster person, or an account
 * the roster does not name (a stranger, an impostor, an unclaimed account), by its platform id.
 */
function replyTarget(turn: Turn): Pick<OutgoingMessage, 'groupId' | 'personId' | 'account'> | null {
  const { group, sender, message } = turn;
  if (group) return { groupId: group.id, personId: null };
  if (sender) return { groupId: null, personId: sender.id };
  if (message.platform === 'console') return null;
  return { groupId: null, personId: null, account: { platform: message.platform, id: message.sender.id } };
}

function makeAnyoneContext(deps: PipelineDeps, turn: Turn, attachments: CommandContext['attachments']): AnyoneContext {
  const { store, group, sender, message } = turn;
  const target = replyTarget(turn);
  return {
    now: message.at, today: localDate(message.at), sender, group, message, attachments, store,
    config: deps.config, commands: deps.commands, ...(deps.runtime ? { runtime: deps.runtime } : {}),
    async reply(text, mentions = [], extra) {
      if (!target) return;
      const { file, ...rest } = extra ?? {};
      await store.outbox.enqueue({
        kind: 'reply', ...target, text: sendable(deps, text), mentions: mentions.map((p) => p.id), extra: { ...rest, inReplyTo: message.messageId }, ...(file ? { file } : {}),
      }, message.at);
    },
    async push(msg) {
      await store.outbox.enqueue({ kind: 'push', ...msg, text: sendable(deps, msg.text) }, message.at);
    },
  };
}

async function replyPlain(deps: PipelineDeps, turn: Turn, text: string, dedupeKey?: string): Promise<void> {
  const target = replyTarget(turn);
  if (!target) return;
  await turn.store.outbox.enqueue({ kind: 'reply', ...target, text: sendable(deps, text), mentions: [], extra: { inReplyTo: turn.message.messageId }, ...(dedupeKey ? { dedupeKey } : {}) }, turn.message.at);
}

/** Who and where, on the turn: the group, the proof of the sender, and the sender as they act. */
async function resolveTurn(turn: Turn): Promise<void> {
  const participants = await resolveParticipants(turn.store, turn.message);
  const { group, sender } = participants;
  turn.participants = participants;
  turn.group = group;
  turn.resolution = sender;
  turn.sender = sender.kind === 'person' ? actingAs(sender) : null;
}

/**
 * The message is meant for the bot: from here its errors are answered, and what the sender's
 * display name suggested is recorded (bound, or a pending binding the admins hear of). Ordinary
 * chat never gets here, so it binds nothing on a guess.
 */
async function meantForBot(turn: Turn): Promise<void> {
  turn.addressed = true;
  const { participants } = turn;
  if (!participants?.guess) return;
  turn.participants = { ...participants, guess: null };
  await recordNameGuess(turn.store, turn.message, participants);
}

/** What an account the bot cannot name is told when it gives a command. */
function refusalOfUnproven(resolution: SenderResolution, message: IncomingMessage): string {
  if (resolution.kind === 'impostor') return zh.identity.impostor(resolution.person.name, message.platform);
  if (resolution.kind === 'unclaimed') return zh.identity.unclaimed(resolution.person.name, zh.roles[resolution.person.role]);
  return zh.common.unknownSender(message.sender.name);
}

/**
 * Tells an account the bot cannot name why nothing was done. @-mentioned in a group, always.
 * Otherwise — in a plain WeChat group everyone's chat reaches the bot, and a colleague's `我的隐患`
 * or `整改完了` is often said to the group; a private chat goes to the account itself, which the
 * outbox then addresses by its platform id — once a day per account: the outbox's key keeps the
 * count, across restarts and instances, and nothing else is recorded.
 */
async function refuseUnproven(deps: PipelineDeps, turn: Turn): Promise<void> {
  const { message } = turn;
  await meantForBot(turn);
  const day = `${message.platform}:${message.sender.id}:${localDate(message.at)}`;
  const once = turn.group === null ? `unproven-private:${day}` : turn.calledByName ? undefined : `unproven:${day}`;
  await replyPlain(deps, turn, refusalOfUnproven(turn.resolution, message), once);
}

/**
 * A message meant for the bot that no command, ask-back or ledger question took: an answer that
 * came after its draft ran out is told so and how to resend; a question about the work without a
 * code (`整改完了吗`) is asked which hazard; anything else gets the closest command and an example.
 */
async function answerUnderstoodNot(deps: PipelineDeps, turn: Turn & { sender: Person }, why: Addressed): Promise<void> {
  const { store, message } = turn;
  const expired = await store.drafts.takeExpired(turn.group?.id ?? 0, turn.sender.id, message.at);
  if (expired) {
    const command = deps.commands.find((c) => c.name === expired.command);
    await replyPlain(deps, turn, command?.expired?.(expired, deps.config.draftMinutes) ?? zh.common.draftExpired(deps.config.draftMinutes));
    return;
  }
  if (why === 'ledger' && QUESTION.test(turn.text)) {
    const query = deps.commands.find((c) => c.name === QUERY_COMMAND);
    await askWhichHazard(makeContext(deps, turn, []), turn.text, { usage: query?.usage ?? '', forReview: false });
    return;
  }
  const closest = closestCommand(turn.text, deps.commands, turn.sender.role);
  await replyPlain(deps, turn, closest ? zh.common.notUnderstood(closest.name, closest.help?.example ?? closest.usage) : zh.common.notUnderstoodAtAll);
}

/**
 * Routes the message; a report or decision that lacks a code (`整改完成`, `进度30%`) written as a
 * quote-reply to a message naming one hazard runs on that hazard instead of asking which.
 */
function routeWithQuote(deps: PipelineDeps, turn: Turn): ReturnType<typeof routeMessage<Command>> {
  const routed = routeMessage(turn.text, deps.commands, deps.bareCode);
  const code = turn.quotedCode;
  if (!code) return routed;
  const wantsCode = routed
    ? routed.code === null && !routed.command.runForAnyone &&
      (routed.command.args.safeParse({ code: null, text: routed.rest, mentions: [], now: turn.message.at }).error?.issues.some((i) => i.path[0] === 'code') ?? false)
    : looksLikeProgressReport(turn.text);
  if (!wantsCode) return routed;
  turn.text = `${code} ${turn.text}`;
  return routeMessage(turn.text, deps.commands, deps.bareCode);
}

async function handleTurn(deps: PipelineDeps, turn: Turn): Promise<void> {
  const { store, message } = turn;
  if (!(await store.messages.markProcessed(message.platform, message.messageId, message.at))) return;
  await resolveTurn(turn);
  // an @-mention or a private chat is meant for the bot whatever it says
  if (turn.calledByName) await meantForBot(turn);
  const mentions = await mentionedPeopleNames(store, message);
  // `YH-0001` in answer to "which hazard?": the report it was asked about runs with that code
  const picked = turn.sender ? await takePickedCode(store, turn.group?.id ?? 0, turn.sender, turn.text, message.at) : null;
  if (picked && 'notInList' in picked) {
    await meantForBot(turn);
    await replyPlain(deps, turn, zh.common.notInList(picked.notInList, picked.offered));
    return;
  }
  if (picked) turn.text = picked.text;
  const routed = routeWithQuote(deps, turn);
  // a command cut at MAX_TEXT would act on part of what was written (a pasted list lost its last
  // items): it is refused whole, and said so
  if (turn.overLength > 0 && turn.sender && (routed || turn.calledByName || looksMeantForBot(turn.text).meant)) {
    await meantForBot(turn);
    await replyPlain(deps, turn, zh.common.tooLong(turn.overLength, MAX_TEXT));
    return;
  }

  if (!routed) {
    // not a command: a bare photo after a report, or the answer to an ask-back, is for us
    if (!turn.sender) {
      if (turn.calledByName || looksMeantForBot(turn.text).meant) await refuseUnproven(deps, turn);
      return;
    }
    if (turn.text === '' && message.attachments.length > 0 && turn.group) {
      const ctx = makeContext(deps, { ...turn, sender: turn.sender }, []);
      // an Excel 问题清单 sent by an admin or department is previewed for import (#15)
      if ((await importSentWorkbook(ctx, message.attachments)) || (await attachFollowUpEvidence(ctx, deps.config.dataDir, message.attachments))) await meantForBot(turn);
      return;
    }
    // `呼吸阀已经换好了，进度80%`: a progress report without its code is asked about, not dropped,
    // nor taken for the answer a waiting registration asked for
    if (looksLikeProgressReport(turn.text)) {
      await meantForBot(turn);
      const progress = deps.commands.find((c) => c.name === PROGRESS_COMMAND);
      await askWhichHazard(makeContext(deps, { ...turn, sender: turn.sender }, []), turn.text, { usage: progress?.usage ?? '', forReview: false });
      return;
    }
    const draft = await store.drafts.get(turn.group?.id ?? 0, turn.sender.id, message.at);
    const command = draft && deps.commands.find((c) => c.name === draft.command);
    if (draft && command?.resume) {
      await meantForBot(turn);
      const sender = turn.sender;
      await withEvidence(store, { dataDir: deps.config.dataDir, now: message.at }, message.attachments, (files) =>
        command.resume?.(makeContext(deps, { ...turn, sender }, files), draft, turn.text) ?? Promise.resolve());
      return;
    }
    // `红星化工还有几个隐患没整改？`, `待验收`, `红星化工`: answered from the ledger
    const question = parseLedgerQuestion(turn.text, await store.roster.unitNames(), localDate(message.at));
    if (question) {
      await meantForBot(turn);
      await answerLedgerQuestion(makeContext(deps, { ...turn, sender: turn.sender }, []), question);
      return;
    }
    // never silence to a direct mention nor to a message that names a code or uses the ledger's
    // words (#10 "The rule"); a thank-you and everyday chat stay unanswered
    const meant = looksMeantForBot(turn.text);
    if (!meant.meant && !(turn.calledByName && !ACKNOWLEDGEMENT.test(turn.text))) return;
    await meantForBot(turn);
    await answerUnderstoodNot(deps, { ...turn, sender: turn.sender }, meant.why);
    return;
  }

  await meantForBot(turn);
  const { command, code, rest } = routed;
  const raw: RawArgs = { code, text: rest, mentions, now: message.at };
  if (command.runForAnyone) {
    const args = command.args.safeParse(raw);
    if (!args.success) return replyPlain(deps, turn, zh.common.usage(args.error.issues[0]?.message ?? '格式不对', command.usage));
    await command.runForAnyone(makeAnyoneContext(deps, turn, []), args.data);
    return;
  }
  if (!turn.sender) {
    await refuseUnproven(deps, turn);
    return;
  }
  if (command.roles && !command.roles.includes(turn.sender.role)) {
    const { resolution } = turn;
    const claimWouldHelp = resolution.kind === 'person' && resolution.nameOnly && command.roles.includes(resolution.person.role);
    await replyPlain(deps, turn, claimWouldHelp ? zh.identity.claimNeeded(turn.sender.name) : zh.permission.roleNotAllowed(command.name, command.roles.map((r) => zh.roles[r])));
    return;
  }
  const args = command.args.safeParse(raw);
  if (!args.success && code === null && args.error.issues.some((i) => i.path[0] === 'code')) {
    // `整改完成 请验收` without its code: which of the sender's hazards?
    const forReview = Boolean(command.roles && !command.roles.includes('contact'));
    await askWhichHazard(makeContext(deps, { ...turn, sender: turn.sender }, []), turn.text, { usage: command.usage, forReview });
    return;
  }
  if (!args.success) {
    const problem = args.error.issues[0]?.message ?? '格式不对';
    await replyPlain(deps, turn, zh.common.usage(problem, command.usage));
    return;
  }
  const codes = [...routed.codes, ...routed.otherCodes];
  const several = code !== null && codes.length > 1;
  if (several && (!command.manyCodes || routed.otherCodes.length > 0)) {
    // acting on the first code alone would be a silent partial effect
    await replyPlain(deps, turn, command.manyCodes ? zh.common.severalCodesApart(codes, command.usage) : zh.common.severalCodesNotHere(command.name, codes, command.usage));
    return;
  }
  const sender = turn.sender;
  // files are checked first and written only if the command recorded them: a refused command keeps none
  const rejected = await withEvidence(store, { dataDir: deps.config.dataDir, now: message.at }, message.attachments, (files) => {
    const ctx = makeContext(deps, { ...turn, sender }, files);
    return several ? runForEachCode(ctx, command, args.data as object, routed.codes) : command.run(ctx, args.data);
  });
  if (rejected.length > 0) {
    await makeContext(deps, { ...turn, sender }, []).reply(rejected.map((r) => zh.common.fileRejected(r.name, r.reason)).join('\n'));
  }
}

/**
 * The message pipeline: dedupe → who and where → route (or resume an ask-back) → role → arguments
 * → command. One message is one transaction, so its records and its replies land together or not
 * at all; a failure is answered in friendly Chinese and never loses what was stored before.
 */
export function createMessageHandler(deps: PipelineDeps): (message: IncomingMessage) => Promise<void> {
  return (message) =>
    deps.queue.run(async () => {
      const whole = normalizeText(message.text);
      const normalized = whole.slice(0, MAX_TEXT);
      const overLength = whole.length > MAX_TEXT ? Array.from(whole).length : 0;
      // a WeChat quote-reply: the reply is the message, the quote only names its hazard
      const quote = readQuotedReply(normalized);
      const written = quote?.reply ?? normalized;
      const quotedCode = quote?.quotedCode ?? null;
      const text = written.replace(CALLED, '');
      const calledByName = message.addressed === true || message.group === null || text !== written;
      let addressed = false;
      try {
        await inTransaction(deps.db, async (store) => {
          const turn: Turn = { message, store, text, group: null, sender: null, resolution: { kind: 'unknown' }, addressed: false, participants: null, calledByName, quotedCode, overLength };
          try {
            await handleTurn(deps, turn);
          } finally {
            addressed = turn.addressed;
          }
        });
      } catch (error) {
        deps.log.error({ err: error, messageId: message.messageId, platform: message.platform }, 'message failed');
        // the database went away, or other instances kept winning the same rows (after the
        // transaction's own retries): nothing of the message was written. The caller must not
        // acknowledge it, so the platform delivers it again — to this instance or another one.
        if (isTransient(error)) throw error;
        if (!addressed) return;
        await inTransaction(deps.db, async (store) => {
          if (!(await store.messages.markProcessed(message.platform, message.messageId, message.at))) return;
          const turn: Turn = { message, store, text, group: null, sender: null, resolution: { kind: 'unknown' }, addressed: true, participants: null, calledByName, quotedCode, overLength };
          await resolveTurn(turn);
          await replyPlain(deps, turn, zh.common.internalError);
        }).catch((e: unknown) => deps.log.error({ err: e }, 'error reply failed'));
      }
    });
}

import type { Chat } from '../helpers/chat.ts';
import type { ScheduledJob } from '../../src/jobs/job.ts';

/** Runs a job the way the scheduler will: at the chat's clock, on a store inside the bot's queue. */
export async function runJob(chat: Chat, job: ScheduledJob, late = false) {
  const messages = await chat.read((store) => job.run({ now: chat.now, store, late }));
  const names = await chat.read(async (store) => Promise.all(messages.map(async (m) => ({
    to: m.groupId !== null ? (await store.roster.groupById(m.groupId))?.name : `私聊·${(await store.roster.personById(m.personId ?? 0))?.name}`,
    mentions: (await store.roster.peopleByIds(m.mentions)).map((p) => p.name),
  }))));
  return messages.map((m, i) => ({ ...m, to: names[i]?.to, mentionNames: names[i]?.mentions ?? [] }));
}

import { defineCommand } from '../src/features/command.ts';
import { rawArgs } from '../src/features/args.ts';
import { zh } from '../src/i18n/zh-CN.ts';

/** Heartbeats of instances gone longer than this are no longer listed. */
const GONE_AFTER_MS = 24 * 3_600_000;

/**
 * 运行状态: for an admin, whether the bot is healthy — each instance and what it holds (the
 * scheduler, a platform's one connection), the outbox, the last run of each job, the database and
 * its standbys' lag. Read in the message's own transaction, so it is one consistent moment.
 */
export default defineCommand({
  name: '运行状态',
  aliases: ['系统状态', '实例状态'],
  roles: ['admin'],
  section: '设置',
  summary: '查看机器人各实例、发送队列、定时任务和数据库的状态（多实例部署时谁在负责定时任务）',
  usage: '运行状态',
  args: rawArgs,
  async run(ctx) {
    const { store } = ctx;
    const self = ctx.runtime?.();
    const provider = store.runtime.provider();
    const db = await store.runtime.databaseFacts();
    const leases = provider === 'postgresql' ? await store.leases.all() : [];
    const heartbeats = leases.filter((l) => l.name.startsWith('instance:') && (l.live || ctx.now.getTime() - l.renewedAt.getTime() < GONE_AFTER_MS));
    const fromHeartbeats = heartbeats.map((l) => ({
        id: l.holder, live: l.live, renewedAt: l.renewedAt, self: l.holder === self?.instance,
        platform: typeof l.detail.platform === 'string' ? l.detail.platform : null,
        connection: typeof l.detail.connection === 'string' ? l.detail.connection : null,
        queue: typeof l.detail.queue === 'number' ? l.detail.queue : null,
        startedAt: typeof l.detail.startedAt === 'string' ? new Date(l.detail.startedAt) : null,
    }));
    // this process itself, also before its first heartbeat (and on SQLite, which keeps none)
    const instances = self && !fromHeartbeats.some((i) => i.self)
      ? [{ id: self.instance, live: true, renewedAt: ctx.now, self: true, platform: self.platform, connection: self.connection, queue: self.queue, startedAt: null }, ...fromHeartbeats]
      : fromHeartbeats;
    await ctx.reply(zh.runtime.status({
      provider, databaseVersion: db.version, roundTripMs: db.roundTripMs, replicas: db.replicas, inRecovery: db.inRecovery,
      instances,
      leases: leases.filter((l) => !l.name.startsWith('instance:')).map((l) => ({ name: l.name, holder: l.holder, epoch: l.epoch, live: l.live, expiresAt: l.expiresAt })),
      outbox: await store.outbox.statusCounts(),
      jobs: await store.jobRuns.latestRuns(),
    }, ctx.now));
  },
});

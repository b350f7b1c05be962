import { z } from 'zod';
import '../i18n/zod-zh.ts';
import { checkSchedule, scheduleEnv, toScheduleConfig, type ScheduleConfig } from './schedule-config.ts';

const schema = z
  .object({
    HZ_DB: z.string().min(1).default('data/hazard-zero.db'),
    HZ_DATA_DIR: z.string().min(1).default('data'),
    CHANNEL: z.enum(['console', 'wechaty', 'dingtalk', 'wecom']).default('console'),
    /** minutes an unanswered ask-back waits */
    HZ_DRAFT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    /** normal: durable across a crash of the bot; full: also across a power cut (slower) */
    HZ_DB_SYNC: z.enum(['normal', 'full']).default('normal'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ...scheduleEnv,
  })
  .superRefine(checkSchedule);

export type AppConfig = {
  dbFile: string;
  dataDir: string;
  channel: z.infer<typeof schema>['CHANNEL'];
  draftMinutes: number;
  dbSync: 'normal' | 'full';
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** reminders, escalations, digests: times, offsets, quiet hours */
  schedule: ScheduleConfig;
};

/** Reads the configuration from the environment; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误：\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    dbFile: c.HZ_DB, dataDir: c.HZ_DATA_DIR, channel: c.CHANNEL, draftMinutes: c.HZ_DRAFT_MINUTES, dbSync: c.HZ_DB_SYNC, logLevel: c.LOG_LEVEL,
    schedule: toScheduleConfig(c),
  };
}

/** Defaults for tests and the simulator. */
export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), ...overrides };
}

import { z } from 'zod';
import '../i18n/zod-zh.ts';
import { UserError } from '../core/user-error.ts';
import { checkSchedule, scheduleEnv, toScheduleConfig } from './schedule-config.ts';
import type { AppConfig, GovernanceConfig } from '../core/config.ts';

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const points = z.coerce.number().min(0).max(1000);
const days = z.coerce.number().int().min(0).max(3650);

const schema = z
  .object({
    HZ_DB: z.string().min(1).default('data/hazard-zero.db'),
    HZ_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, '应为 postgresql://用户:密码@主机:端口/库名').optional(),
    HZ_DATA_DIR: z.string().min(1).default('data'),
    /** a folder for scheduled backups of the SQLite ledger; unset: none (npm run backup still works) */
    HZ_BACKUP_DIR: z.string().min(1).optional(),
    HZ_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
    HZ_BACKUP_HOURS: z.coerce.number().min(1).max(24 * 31).default(24),
    CHANNEL: z.enum(['console', 'wechaty', 'dingtalk', 'wecom']).default('console'),
    /** minutes an unanswered ask-back waits */
    HZ_DRAFT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    /** full: a commit survives a power cut; normal: only a crash of the bot (faster) */
    HZ_DB_SYNC: z.enum(['normal', 'full']).default('full'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** the roster YAML imported at start and re-read by an admin's 重新加载名册 */
    HZ_ROSTER: z.string().trim().min(1).optional(),
    ...scheduleEnv,

    // governance (docs/governance.md explains each)
    HZ_WEIGHT_RECTIFICATION: points.default(50),
    HZ_WEIGHT_ON_TIME: points.default(35),
    HZ_WEIGHT_SPEED: points.default(15),
    HZ_WEIGHT_SELF_CHECK: points.default(10),
    HZ_PENALTY_OVERDUE: points.default(5),
    HZ_PENALTY_REBOUND: points.default(10),
    HZ_SPEED_TARGET_DAYS: z.coerce.number().min(1).max(3650).default(15),
    HZ_VETO_MAJOR_OVERDUE_DAYS: days.default(30),
    HZ_WATCH_MAJOR_OVERDUE_DAYS: days.default(15),
    HZ_WATCH_OVERDUE_COUNT: z.coerce.number().int().min(0).max(1000).default(3),
    HZ_WATCH_REBOUND: flag.default(true),
    HZ_WATCH_ENFORCEMENT_COUNT: z.coerce.number().int().min(0).max(1000).default(2),
    HZ_WATCH_SUSPENSION: flag.default(true),
    HZ_REINSPECT_SHARE: z.coerce.number().min(0).max(1).default(0.2),
    HZ_REINSPECT_DAYS: z.string().default('30,90')
      .transform((s) => s.split(/[,\s]+/).filter(Boolean).map(Number))
      .pipe(z.array(z.number().int().min(1).max(3650)).min(1, '至少一个天数，例：30,90')),
    HZ_CREDIT_TERM_YEARS: z.coerce.number().int().min(1).max(10).default(3),
    HZ_EVIDENCE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),

    // the dashboard (docs/leaders.md)
    /** the port the dashboard listens on; off: none */
    HZ_HTTP_PORT: z.union([z.literal('off'), z.coerce.number().int().min(1).max(65_535)]).default(8787),
    HZ_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    HZ_PUBLIC_URL: z.url({ protocol: /^https?$/, error: '请写完整网址，例：https://hz.example.gov.cn' }).optional(),
    HZ_DASHBOARD_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),

    // several instances on one PostgreSQL (docs/instances.md)
    HZ_INSTANCE_NAME: z.string().trim().min(1).max(100).optional(),
    HZ_LEASE_SECONDS: z.coerce.number().min(1).max(300).default(10),
    HZ_OUTBOX_CLAIM_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  })
  .superRefine(checkSchedule);

/** A setting that is missing or malformed: the message names each variable, never its value. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
}

/** Reads the configuration from the environment; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误：\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    databaseUrl: c.HZ_DATABASE_URL ?? null,
    backup: { dir: c.HZ_BACKUP_DIR ?? null, keep: c.HZ_BACKUP_KEEP, everyHours: c.HZ_BACKUP_HOURS },
    dbFile: c.HZ_DB, dataDir: c.HZ_DATA_DIR, channel: c.CHANNEL, draftMinutes: c.HZ_DRAFT_MINUTES, dbSync: c.HZ_DB_SYNC, logLevel: c.LOG_LEVEL, rosterFile: c.HZ_ROSTER ?? null,
    schedule: toScheduleConfig(c),
    governance: {
      assessment: {
        weights: { rectification: c.HZ_WEIGHT_RECTIFICATION, onTime: c.HZ_WEIGHT_ON_TIME, speed: c.HZ_WEIGHT_SPEED, selfCheck: c.HZ_WEIGHT_SELF_CHECK },
        penalties: { overdue: c.HZ_PENALTY_OVERDUE, rebound: c.HZ_PENALTY_REBOUND },
        speedTargetDays: c.HZ_SPEED_TARGET_DAYS,
        vetoMajorOverdueDays: c.HZ_VETO_MAJOR_OVERDUE_DAYS,
      },
      watch: { majorOverdueDays: c.HZ_WATCH_MAJOR_OVERDUE_DAYS, overdueCount: c.HZ_WATCH_OVERDUE_COUNT, rebound: c.HZ_WATCH_REBOUND,
        enforcementCount: c.HZ_WATCH_ENFORCEMENT_COUNT, suspension: c.HZ_WATCH_SUSPENSION },
      reinspection: { share: c.HZ_REINSPECT_SHARE, rounds: c.HZ_REINSPECT_DAYS },
      creditTermYears: c.HZ_CREDIT_TERM_YEARS,
      evidenceMinutes: c.HZ_EVIDENCE_MINUTES,
    },
    dashboard: {
      port: c.HZ_HTTP_PORT === 'off' ? null : c.HZ_HTTP_PORT,
      host: c.HZ_HTTP_HOST,
      // without a public address the links point at this machine: enough for the console demo
      publicUrl: (c.HZ_PUBLIC_URL ?? `http://localhost:${c.HZ_HTTP_PORT === 'off' ? 8787 : c.HZ_HTTP_PORT}`).replace(/\/+$/, ''),
      linkHours: c.HZ_DASHBOARD_HOURS,
    },
    instances: { name: c.HZ_INSTANCE_NAME ?? null, leaseSeconds: c.HZ_LEASE_SECONDS, claimSeconds: c.HZ_OUTBOX_CLAIM_SECONDS },
  };
}

/** Defaults for tests and the simulator. */
export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), ...overrides };
}

/** The default governance settings, for tests that change one of them. */
export function defaultGovernance(): GovernanceConfig {
  return loadConfig({}).governance;
}

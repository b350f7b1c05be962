// The configuration every layer reads, as types; src/app/config.ts reads it from the environment.
import type { AssessmentRules } from '../domain/assessment.ts';
import type { EscalationPolicy } from '../domain/escalation.ts';
import type { QuietHours } from '../domain/push-window.ts';
import type { ReinspectionRules } from '../domain/reinspection.ts';
import type { LocalDate } from '../domain/types.ts';
import type { WatchRules } from '../domain/watch-rules.ts';

/** A weekday (1 = Monday … 7 = Sunday) and a Shanghai wall-clock time. */
export interface WeeklyTime {
  weekday: number;
  time: string;
}

/** When the scheduled pushes go out; every time is Shanghai wall-clock 'HH:mm'. */
export interface ScheduleConfig {
  /**
   * the one routine morning message per group (deadlines, overdue alerts and escalations,
   * supervision, plans, follow-up checks), each working day; a major hazard's first overdue day
   * goes at this time on rest days too
   */
  morningTime: string;
  /** days before the deadline that are reminded, e.g. [3, 1, 0] */
  remindDays: number[];
  escalation: EscalationPolicy;
  /** who is named when an item reaches the leaders (docs/responsibility-chain.md) */
  leaderChain: LeaderChainConfig;
  /** the daily digest to the leaders' and departments' groups */
  digestTime: string;
  /** the weekly summary to the leaders' group */
  weekly: WeeklyTime;
  /** null: no quiet hours */
  quietHours: QuietHours | null;
  /** extra holidays and make-up working days, for years the calendar package does not carry yet */
  holidays: LocalDate[];
  workdays: LocalDate[];
}

/** How an escalation reaches the leaders by name. */
export interface LeaderChainConfig {
  /** the main leader (主要领导) is named for a major hazard overdue more than this many days (and for 督办 items) */
  mainAfterMajorDays: number;
  /** false: @-mentioned in the leaders' group; true: told privately as well (the group's list then @s nobody) */
  privately: boolean;
}

/** The county's governance settings: assessment weights, veto, watch rules, re-inspection share. */
export interface GovernanceConfig {
  assessment: AssessmentRules;
  watch: WatchRules;
  reinspection: ReinspectionRules;
  /** years a formal credit-list entry stands (3 by law) */
  creditTermYears: number;
  /** minutes after a report in which a bare photo in the same group is its evidence */
  evidenceMinutes: number;
}

export type AppConfig = {
  /** HZ_DATABASE_URL: a postgresql:// URL puts the ledger on that server; null: SQLite at dbFile */
  databaseUrl: string | null;
  dbFile: string;
  dataDir: string;
  /** scheduled online backups of the SQLite ledger (HZ_BACKUP_DIR; dir null: none scheduled) */
  backup: { dir: string | null; keep: number; everyHours: number };
  channel: 'console' | 'wechaty' | 'dingtalk' | 'wecom';
  draftMinutes: number;
  dbSync: 'normal' | 'full';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** the roster file the running bot re-reads on 重新加载名册; null: none configured */
  rosterFile: string | null;
  /** reminders, escalations, digests: times, offsets, quiet hours */
  schedule: ScheduleConfig;
  governance: GovernanceConfig;
  dashboard: DashboardConfig;
  /** several instances on one PostgreSQL (docs/instances.md); unused on SQLite */
  instances: InstancesConfig;
};

/** How instances sharing one PostgreSQL coordinate through it (docs/instances.md). */
export interface InstancesConfig {
  /** HZ_INSTANCE_NAME: how this process shows in 运行状态; null: host name and pid */
  name: string | null;
  /** HZ_LEASE_SECONDS: a leader that stops renewing is replaced after this long (renewed every third of it) */
  leaseSeconds: number;
  /** HZ_OUTBOX_CLAIM_SECONDS: an outbox message a dead instance was sending goes to another after this long */
  claimSeconds: number;
}

/** The read-only dashboard the bot serves (看板). */
export interface DashboardConfig {
  /** the port it listens on; null: no dashboard server */
  port: number | null;
  /** the address it binds: 127.0.0.1 behind a reverse proxy */
  host: string;
  /** how links start, as the phone reaches the server: https://hz.example.gov.cn */
  publicUrl: string;
  /** hours a link stays valid */
  linkHours: number;
}

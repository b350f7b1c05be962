import { z } from 'zod';
import type { AppConfig } from '../core/config.ts';
import { UserError } from '../core/user-error.ts';

/**
 * A JSON object in one environment variable. A parse failure names the variable and never
 * echoes the value (it holds secrets).
 */
function jsonRecord<T extends z.ZodType>(value: T) {
  return z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: '不是合法的 JSON（应为 {"群名": …} 形式的对象）' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().min(1), value, { error: '应为以群名为键的 JSON 对象' }));
}

const required = (what: string) => z.string({ error: `未设置（${what}）` }).trim().min(1, `不能为空（${what}）`);

/** A DingTalk custom robot: its webhook address or bare access token, and the 加签 secret. */
const dingTalkRobot = z
  .union([
    z.string().min(1),
    z.object({ webhook: z.string().url().optional(), accessToken: z.string().min(1).optional(), secret: z.string().min(1).optional() }),
  ])
  .transform((v, ctx) => {
    const o = typeof v === 'string' ? { webhook: v.startsWith('http') ? v : undefined, accessToken: v.startsWith('http') ? undefined : v } : v;
    const token = o.accessToken ?? (o.webhook ? new URL(o.webhook).searchParams.get('access_token') : null);
    if (!token) {
      ctx.addIssue({ code: 'custom', message: '缺少 access_token（填 webhook 地址或 accessToken）' });
      return z.NEVER;
    }
    return { accessToken: token, ...('secret' in o && o.secret ? { secret: o.secret } : {}) };
  });

/** A WeCom group robot: its webhook address or bare key. */
const weComRobot = z.string().min(1).transform((v, ctx) => {
  const key = v.startsWith('http') ? new URL(v).searchParams.get('key') : v;
  if (!key) {
    ctx.addIssue({ code: 'custom', message: '缺少 key（填 webhook 地址或 key）' });
    return z.NEVER;
  }
  return key;
});

const common = {
  /** a roster YAML imported at every start (creating or updating by name; nothing is deleted) */
  HZ_ROSTER: z.string().trim().min(1).optional(),
  /** the robot's display names, comma-separated, removed from texts where the platform keeps `@机器人` */
  HZ_BOT_NAMES: z.string().default('隐患清零').transform((s) => s.split(/[,，]/).map((x) => x.trim()).filter(Boolean)),
};

const schemas = {
  wechaty: z.object({
    ...common,
    WECHATY_PUPPET: z.enum(['wechaty-puppet-wechat4u', 'wechaty-puppet-service'], { error: '只支持 wechaty-puppet-wechat4u（个人微信）或 wechaty-puppet-service（企业微信等）' }).default('wechaty-puppet-wechat4u'),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().trim().min(1).optional(),
    WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().trim().min(1).optional(),
    /** the login session is kept in `<name>.memory-card.json`, so a restart needs no new scan */
    WECHATY_NAME: z.string().trim().min(1).default('hazard-zero'),
  }).superRefine((env, ctx) => {
    if (env.WECHATY_PUPPET === 'wechaty-puppet-service' && !env.WECHATY_PUPPET_SERVICE_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['WECHATY_PUPPET_SERVICE_TOKEN'], message: '使用 wechaty-puppet-service 时必须设置（服务商提供的 token）' });
    }
  }),
  dingtalk: z.object({
    ...common,
    DINGTALK_CLIENT_ID: required('应用的 AppKey / Client ID'),
    DINGTALK_CLIENT_SECRET: required('应用的 AppSecret / Client Secret'),
    DINGTALK_ROBOT_CODE: z.string().trim().min(1).optional(),
    DINGTALK_GROUP_WEBHOOKS: jsonRecord(dingTalkRobot),
  }),
  wecom: z.object({
    ...common,
    WECOM_BOT_ID: required('智能机器人的 BotID'),
    WECOM_BOT_SECRET: required('智能机器人长连接的 Secret'),
    WECOM_GROUP_WEBHOOKS: jsonRecord(weComRobot),
  }),
};

export type WechatyEnv = z.infer<typeof schemas.wechaty>;
export type DingTalkEnv = z.infer<typeof schemas.dingtalk>;
export type WeComEnv = z.infer<typeof schemas.wecom>;
export type PlatformEnv =
  | { channel: 'console' }
  | { channel: 'wechaty'; env: WechatyEnv }
  | { channel: 'dingtalk'; env: DingTalkEnv }
  | { channel: 'wecom'; env: WeComEnv };

/** A platform setting that is missing or malformed; the message names variables, never values. */
export class PlatformConfigError extends UserError {}

/**
 * Reads and checks the chosen platform's settings at start. Every problem is listed with the
 * variable's name in Chinese; values are never repeated back (they are credentials).
 */
export function loadPlatformConfig(channel: AppConfig['channel'], env: NodeJS.ProcessEnv = process.env): PlatformEnv {
  if (channel === 'console') return { channel };
  const parsed = schemas[channel].safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(环境变量)'}：${i.message}`);
    throw new PlatformConfigError(`CHANNEL=${channel} 的配置有误：\n${lines.join('\n')}\n请按 .env.example 和 docs/platforms.md（接入聊天平台）设置环境变量。`);
  }
  return { channel, env: parsed.data } as PlatformEnv;
}

import type { Chat } from './chat.ts';

/** The shared test org's groups (test/transcripts/org.yaml). */
export const G = {
  redStar: '红星化工安全对接群',
  blueSky: '蓝天物流安全对接群',
  site: '城南工地安全群',
  school: '实验小学安全群',
  safety: '应急管理局监管群',
  housing: '住建局监管群',
  town: '城关镇安全群',
  leaders: '县安委会领导群',
} as const;

/** Registers a hazard as a department head and returns its code; fails the test when it is not registered. */
export async function registerHazard(chat: Chat, text: string, options: { group?: string; sender?: string } = {}): Promise<string> {
  const out = await chat.send(options.group ?? G.safety, options.sender ?? '王建国', `登记隐患：${text}`);
  const code = /已登记 (YH-\d{4})/.exec(out[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`not registered: ${chat.lines(out).join('\n')}`);
  return code;
}

/** Texts of deliveries, for compact assertions. */
export const texts = (out: ReadonlyArray<{ text: string }>) => out.map((d) => d.text);
export const groups = (out: ReadonlyArray<{ group: { name: string } | null; person?: { name: string } | null }>) =>
  out.map((d) => d.group?.name ?? `私聊·${d.person?.name ?? '?'}`);

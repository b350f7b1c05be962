import type { RecordedDelivery } from '../../src/channels/recording-channel.ts';
import { isoLocal } from '../../src/domain/calendar.ts';
import type { Chat } from './chat.ts';
import { FULL_PLAN } from './evidence.ts';
import { G } from './hazards.ts';
import { say } from './ledger.ts';

/**
 * A realistic December 2026 in the demo county (demo/roster.yaml), 34 hazards: most fixed on time,
 * some late, some rejected once, extensions approved and denied, three listed for supervision,
 * majors with and without their six-part plan, one closed in November whose 30-day follow-up check
 * falls due. Actions happen on working days between 10:00 and 16:00; the scheduled jobs run as
 * the clock walks from 11-30 to 12-31 23:59.
 */
interface Unit {
  name: string;
  group: string;
  owner: string;
  /** who registers and accepts, in which group */
  reviewer: string;
  reviewerGroup: string;
}

const UNITS: Unit[] = [
  { name: '红星化工', group: G.redStar, owner: '张伟', reviewer: '王建国', reviewerGroup: G.safety },
  { name: '蓝天物流', group: G.blueSky, owner: '钱经理', reviewer: '王建国', reviewerGroup: G.safety },
  { name: '实验小学', group: G.school, owner: '李四', reviewer: '周镇长', reviewerGroup: G.town },
  { name: '城南建筑工地', group: G.site, owner: '吴工', reviewer: '孙建设', reviewerGroup: G.housing },
];

/** What happens to one hazard, as offsets in days from its registration. */
type Fate =
  | { kind: 'onTime'; doneAfter: number }
  | { kind: 'late'; doneAfter: number }
  | { kind: 'rejectedOnce'; doneAfter: number; redoAfter: number }
  | { kind: 'extended'; askAfter: number; extraDays: number; doneAfter: number | null }
  | { kind: 'denied'; askAfter: number }
  | { kind: 'open'; progressAfter: number | null };

interface Plan {
  unit: Unit;
  text: string;
  major: boolean;
  registeredOn: number;
  days: number;
  fate: Fate;
  supervised?: boolean;
  planComplete?: boolean;
}

const FATES: Fate[] = [
  { kind: 'onTime', doneAfter: 4 }, { kind: 'late', doneAfter: 12 }, { kind: 'rejectedOnce', doneAfter: 5, redoAfter: 9 },
  { kind: 'extended', askAfter: 5, extraDays: 10, doneAfter: 14 }, { kind: 'open', progressAfter: 3 }, { kind: 'onTime', doneAfter: 6 },
  { kind: 'denied', askAfter: 6 }, { kind: 'open', progressAfter: null }, { kind: 'onTime', doneAfter: 2 },
];
const PROBLEMS = ['灭火器过期', '应急照明损坏', '安全出口堵塞', '配电箱未接地', '消防通道堵塞', '货架超高堆放', '防护栏缺失', '警示标志缺失', '电线私拉乱接'];

/** The 34 hazards: 32 generated in a fixed pattern, two majors written out. */
function plans(): Plan[] {
  const out: Plan[] = [];
  for (let i = 0; i < 32; i += 1) {
    const unit = UNITS[i % UNITS.length]!;
    out.push({
      unit, text: `${PROBLEMS[i % PROBLEMS.length]}（${i + 1}号点位）`, major: false,
      registeredOn: 1 + Math.floor(i / 3), days: 6 + (i % 4) * 3, fate: FATES[i % FATES.length]!,
      supervised: i === 4 || i === 13,
    });
  }
  out.push({ unit: UNITS[0]!, text: '储罐区呼吸阀损坏', major: true, registeredOn: 2, days: 10, fate: { kind: 'open', progressAfter: 4 }, supervised: true });
  out.push({ unit: UNITS[3]!, text: '基坑支护变形', major: true, registeredOn: 3, days: 10, fate: { kind: 'onTime', doneAfter: 8 }, planComplete: true });
  return out;
}

const WORKDAYS_DEC = new Set([1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31]);
/** The working day on or after December `day` (a weekend action waits for Monday). */
const onWorkday = (day: number) => {
  let d = day;
  while (!WORKDAYS_DEC.has(d) && d < 31) d += 1;
  return d;
};
const md = (day: number) => `12月${day}日`;
const at = (day: number, hour: number) => `2026-12-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00`;

interface Step {
  at: string;
  group: string;
  sender: string;
  text: string | ((code: string) => string);
  hazard: number;
}

/** Plays the month; returns every delivery of December. */
export async function playMonth(chat: Chat): Promise<void> {
  const all = plans();
  const codes: string[] = [];
  const steps: Step[] = [];
  all.forEach((p, i) => {
    const day = onWorkday(p.registeredOn);
    const deadline = p.registeredOn + p.days;
    const { unit } = p;
    steps.push({ at: at(day, 10), group: unit.reviewerGroup, sender: unit.reviewer, hazard: i,
      text: `登记隐患：${unit.name} ${p.text}${p.major ? ' 重大隐患' : ''} 责任人 ${unit.owner} ${md(deadline)}前` });
    if (p.supervised) steps.push({ at: at(onWorkday(day + 1), 11), group: G.leaders, sender: '刘县长', hazard: i, text: (c) => `${c} 挂牌督办 督办领导：刘县长` });
    if (p.planComplete) steps.push({ at: at(day, 11), group: unit.group, sender: unit.owner, hazard: i, text: (c) => `${c} ${FULL_PLAN}` });
    const done = (after: number, hour = 14) => {
      const d = onWorkday(day + after);
      if (d > 31) return;
      steps.push({ at: at(d, hour), group: unit.group, sender: unit.owner, hazard: i, text: (c) => `${c} 整改完成 请验收` });
      steps.push({ at: at(d, hour + 1), group: unit.reviewerGroup, sender: unit.reviewer, hazard: i, text: (c) => `${c} 验收通过` });
    };
    const f = p.fate;
    if (f.kind === 'onTime' || f.kind === 'late') done(f.doneAfter);
    if (f.kind === 'rejectedOnce') {
      const d = onWorkday(day + f.doneAfter);
      steps.push({ at: at(d, 13), group: unit.group, sender: unit.owner, hazard: i, text: (c) => `${c} 整改完成 请验收` });
      steps.push({ at: at(d, 15), group: unit.reviewerGroup, sender: unit.reviewer, hazard: i, text: (c) => `${c} 驳回 整改不到位` });
      done(f.redoAfter);
    }
    if (f.kind === 'extended' || f.kind === 'denied') {
      const d = onWorkday(day + f.askAfter);
      const to = deadline + (f.kind === 'extended' ? f.extraDays : 7);
      steps.push({ at: at(d, 11), group: unit.group, sender: unit.owner, hazard: i, text: (c) => `${c} 申请延期到${to <= 31 ? md(to) : '2027年1月10日'} 原因：配件未到货` });
      steps.push({ at: at(d, 12), group: unit.reviewerGroup, sender: unit.reviewer, hazard: i, text: (c) => `${c} ${f.kind === 'extended' ? '批准延期' : '不予延期 理由：应急措施可先落实'}` });
      if (f.kind === 'extended' && f.doneAfter !== null) done(f.doneAfter);
    }
    if (f.kind === 'open' && f.progressAfter !== null) {
      steps.push({ at: at(onWorkday(day + f.progressAfter), 10), group: unit.group, sender: unit.owner, hazard: i, text: (c) => `${c} 进度50% 材料已采购` });
    }
  });
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.hazard - b.hazard));
  for (const s of steps) {
    if (s.at > isoLocal(chat.now).replace('T', ' ').slice(0, 16)) await chat.setClock(s.at);
    const code = codes[s.hazard];
    if (typeof s.text === 'function') {
      if (!code) throw new Error(`hazard ${s.hazard} not registered before ${s.at}`);
      await say(chat, s.group, s.sender, s.text(code));
    } else {
      const out = await chat.send(s.group, s.sender, s.text);
      const registered = /已登记 (YH-\d{4})/.exec(out[0]?.text ?? '')?.[1];
      if (!registered) throw new Error(`not registered: ${chat.lines(out).join('\n')}`);
      codes[s.hazard] = registered;
    }
  }
  await chat.setClock('2026-12-31 23:59');
}

/** Where a scheduled push went, by name. */
export const pushTo = (d: RecordedDelivery) => d.group?.name ?? `私聊·${d.person?.name ?? '?'}`;

import type { Channel } from '../core/channel.ts';
import type { Delivery } from '../core/messages.ts';

/** A delivery as the simulator and tests see it. */
export interface RecordedDelivery extends Delivery {
  at: Date;
}

/** A channel that keeps what is sent: the transcript runner's and the tests' platform. */
export class RecordingChannel implements Channel {
  readonly platform = 'console' as const;
  readonly sent: RecordedDelivery[] = [];

  constructor(private readonly clock: () => Date, private readonly onSend?: (d: RecordedDelivery) => void) {}

  async start(): Promise<void> {}

  async send(delivery: Delivery): Promise<void> {
    const recorded = { ...delivery, at: this.clock() };
    this.sent.push(recorded);
    this.onSend?.(recorded);
  }

  async stop(): Promise<void> {}
}

/** `→ [群名] @张伟 text`: how the console and the simulator print a delivery. */
export function formatDelivery(d: Delivery): string {
  const where = d.group ? d.group.name : `私聊·${d.person?.name ?? d.accountId ?? '?'}`;
  const mentions = d.mentions.map((p) => `@${p.name} `).join('');
  return `→ [${where}] ${mentions}${d.text}`;
}

import type { Delivery } from '../core/messages.ts';
import { escapeMarkdown } from '../i18n/fit.ts';

/**
 * A delivery's text for a message the platform renders as markdown: markdown the bot composed
 * goes as it is; plain text — replies and pushes that quote what users wrote — is escaped whole,
 * so `[点我](http://…)`, `![](…)`, `# 标题`, `**…**` and HTML show as typed and never render.
 */
export function asMarkdown(delivery: Pick<Delivery, 'text' | 'markdown'>): string {
  return delivery.markdown ? delivery.text : escapeMarkdown(delivery.text);
}

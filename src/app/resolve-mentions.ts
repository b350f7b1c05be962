import type { IncomingMessage } from '../core/messages.ts';
import type { Store } from '../db/store.ts';

/**
 * The names of the people a message mentions, as the platform listed them (never `@名字` typed
 * into the text: the adapters pass only the platform's list). A mention with a platform id is
 * the roster person bound to that id; one without is its name; one that is neither is dropped.
 */
export async function mentionedPeopleNames(store: Store, message: IncomingMessage): Promise<string[]> {
  const names: string[] = [];
  for (const mention of message.mentions) {
    const bound = mention.id && message.platform !== 'console' ? await store.roster.personByPlatformId(message.platform, mention.id) : null;
    const name = bound?.name ?? mention.name.trim();
    if (name) names.push(name);
  }
  return names;
}

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, now. resvg keeps each render's pixels and font data in native
 * memory that V8 does not see, so without this a burst of cards grows the process by ~7 MB a card
 * until V8 happens to collect (61 renders in a row reached 535 MB). Exposing `gc` at run time is
 * V8's own switch; where it is unavailable this does nothing.
 */
export const collectGarbage: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : () => undefined;
  } catch {
    return () => undefined;
  }
})();
